package org.virtguard.service.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import org.virtguard.service.ServiceException;

/** The checks of single values shared by the section validators; each reports to {@link ConfigProblems}. */
final class ValueChecks {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "[?&;][A-Za-z0-9_.-]*(password|passwd|pwd|secret|token|key|signature|sig)=", Pattern.CASE_INSENSITIVE);
    private static final int MAX_URL_LENGTH = 2048;

    private final ConfigProblems problems;
    private final FileChecks files;

    ValueChecks(ConfigProblems problems, FileChecks files) {
        this.problems = problems;
        this.files = files;
    }

    ConfigProblems problems() {
        return problems;
    }

    /** Reports a missing required value; true when it is there. */
    boolean required(String path, String value) {
        if (value == null || value.isBlank()) {
            problems.value(path, "is required");
            return false;
        }
        return true;
    }

    /** A duration such as {@code 30s}, {@code 15m}, {@code 1h}, {@code 30d}, longer than zero; null when invalid. */
    Duration duration(String path, String text) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Durations.parse(text);
            if (duration.isZero()) {
                problems.value(path, "must be longer than 0");
                return null;
            }
            return duration;
        } catch (ServiceException | ArithmeticException e) {
            problems.value(path, ConfigProblems.quote(text) + " is not a duration (a number and s, m, h or d: "
                    + "30s, 15m, 1h, 30d)");
            return null;
        }
    }

    /** A port: 1-65535, and 0 for a free port when {@code zeroPicksFree}. */
    void port(String path, Integer port, String kind, boolean zeroPicksFree) {
        if (port == null) {
            return;
        }
        int low = zeroPicksFree ? 0 : 1;
        if (port < low || port > 65535) {
            problems.value(path, port + " is not a " + kind + " port (1-65535"
                    + (zeroPicksFree ? ", or 0 for a free port)" : ")"));
        }
    }

    /** A whole number within {@code [min, max]}. */
    void range(String path, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problems.value(path, value + " is out of range (" + min + "-" + max + ")");
        }
    }

    /** The name of an environment variable. */
    void envName(String path, String name) {
        if (name != null && !ENV_NAME.matcher(name).matches()) {
            problems.value(path, ConfigProblems.quote(name) + " is not an environment variable name "
                    + "(letters, digits and _)");
        }
    }

    /** An address to listen on: an IP address or a host name, never looked up here. */
    void bindAddress(String path, String bind) {
        if (bind != null && CidrText.address(bind) == null && !HOST_NAME.matcher(bind).matches()) {
            problems.value(path, ConfigProblems.quote(bind) + " is not an IP address or host name");
        }
    }

    /** A host name or an IPv4 address, or an IPv6 address in brackets. */
    boolean isHost(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.indexOf(':') >= 0 && CidrText.address(host.substring(1, host.length() - 1)) != null;
        }
        return CidrText.address(host) != null || HOST_NAME.matcher(host).matches();
    }

    /** An IPv4 or IPv6 CIDR block, or a single address. */
    void cidr(String path, String text) {
        String problem = CidrText.problem(text);
        if (problem != null) {
            problems.value(path, ConfigProblems.quote(text) + " " + problem);
        }
    }

    /** An http or https URL without a password or secret-bearing query parameter; the URL is not echoed. */
    void httpUrl(String path, String url) {
        if (!required(path, url)) {
            return;
        }
        if (url.length() > MAX_URL_LENGTH) {
            problems.value(path, "is longer than " + MAX_URL_LENGTH + " characters");
            return;
        }
        if (SourceUris.containsEmbeddedSecret(url) || QUERY_SECRET.matcher(url).find()) {
            problems.value(path, "the URL contains a password or token; give the secret through secretEnv or "
                    + "secretFile");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.value(path, "is not an http or https URL");
            } else if (uri.getHost() == null) {
                problems.value(path, "the URL names no host");
            }
        } catch (URISyntaxException e) {
            problems.value(path, "is not a URL (" + ConfigProblems.clean(e.getReason()) + " at index "
                    + e.getIndex() + ")");
        }
    }

    /** Exactly one of two alternative keys is set. */
    void exactlyOne(String path, String first, Object firstValue, String second, Object secondValue) {
        if (firstValue == null && secondValue == null) {
            problems.value(path, "give " + first + " or " + second);
        } else if (firstValue != null && secondValue != null) {
            problems.value(path, "give " + first + " or " + second + ", not both");
        }
    }

    /** At most one of two alternative keys is set. */
    void notBoth(String path, String first, Object firstValue, String second, Object secondValue) {
        if (firstValue != null && secondValue != null) {
            problems.value(path, "give " + first + " or " + second + ", not both");
        }
    }

    /** A regular file that must exist (unless file checks are skipped). */
    void file(String path, String name) {
        exists(path, name, false);
    }

    /** A directory that must exist (unless file checks are skipped). */
    void directory(String path, String name) {
        exists(path, name, true);
    }

    private void exists(String path, String name, boolean directory) {
        if (name == null) {
            return;
        }
        if (name.isBlank()) {
            problems.value(path, "is empty");
            return;
        }
        Path file;
        try {
            file = Path.of(name);
        } catch (InvalidPathException e) {
            problems.value(path, ConfigProblems.quote(name) + " is not a valid path");
            return;
        }
        if (files == FileChecks.SKIP) {
            return;
        }
        if (!Files.exists(file)) {
            problems.value(path, (directory ? "directory " : "file ") + ConfigProblems.quote(name) + " does not exist");
        } else if (directory && !Files.isDirectory(file)) {
            problems.value(path, ConfigProblems.quote(name) + " is not a directory");
        } else if (!directory && !Files.isRegularFile(file)) {
            problems.value(path, ConfigProblems.quote(name) + " is not a regular file");
        } else if (!Files.isReadable(file)) {
            problems.value(path, ConfigProblems.quote(name) + " cannot be read");
        }
    }

    /** A key store with its password from a file or the environment. */
    void tls(String path, String keystore, String passwordFile, String passwordEnv) {
        if (required(ConfigProblems.child(path, "keystore"), keystore)) {
            file(ConfigProblems.child(path, "keystore"), keystore);
        }
        exactlyOne(path, "passwordFile", passwordFile, "passwordEnv", passwordEnv);
        file(ConfigProblems.child(path, "passwordFile"), passwordFile);
        envName(ConfigProblems.child(path, "passwordEnv"), passwordEnv);
    }
}

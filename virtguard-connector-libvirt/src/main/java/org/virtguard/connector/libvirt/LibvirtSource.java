package org.virtguard.connector.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.SourceSpec;

/**
 * A {@link SourceSpec} understood as a libvirt source: a live connection URI ({@code qemu:///system},
 * {@code qemu+ssh://kvm01/system}, {@code test:///abs/node.xml}, ...) or an offline directory
 * ({@code libvirt-dir:///abs/dir}, or {@code libvirt-dir:} with the option {@code dir}).
 *
 * @param spec        the configured source
 * @param scheme      the URI scheme in lower case
 * @param displayUri  the URI with any user-info removed, for messages
 * @param uriHost     the host named by the URI, or {@code null} for local URIs
 * @param directory   the directory of an offline source, else {@code null}
 * @param testFile    the node file of a {@code test:} URI, else {@code null}
 */
public record LibvirtSource(SourceSpec spec, String scheme, String displayUri, String uriHost, Path directory,
                            Path testFile) {

    /** The scheme of offline directories. */
    public static final String DIRECTORY_SCHEME = "libvirt-dir";

    private static final Set<String> DRIVERS = Set.of("qemu", "test", "xen", "libxl", "lxc", "ch", "bhyve", "vz",
            "openvz", "vbox");
    private static final Set<String> TRANSPORTS = Set.of("", "ssh", "tls", "tcp", "unix", "libssh", "libssh2", "ext");

    /** Whether the URI's scheme is one of libvirt's drivers (with an optional transport) or {@code libvirt-dir}. */
    public static boolean accepts(String uri) {
        String scheme = schemeOf(uri);
        if (scheme == null) {
            return false;
        }
        if (scheme.equals(DIRECTORY_SCHEME)) {
            return true;
        }
        int plus = scheme.indexOf('+');
        String driver = plus < 0 ? scheme : scheme.substring(0, plus);
        String transport = plus < 0 ? "" : scheme.substring(plus + 1);
        return DRIVERS.contains(driver) && TRANSPORTS.contains(transport);
    }

    /**
     * Parses a source.
     *
     * @throws ConnectorException with {@link ErrorCode#INVALID_SOURCE} for a malformed URI or directory
     */
    public static LibvirtSource parse(SourceSpec spec) throws ConnectorException {
        String display = SourceSpec.defaultIdFor(spec.uri());
        if (!accepts(spec.uri())) {
            throw invalid(spec, display, "not a libvirt URI");
        }
        if (DIRECTORY_SCHEME.equals(schemeOf(spec.uri()))) {
            String rest = spec.uri().substring(DIRECTORY_SCHEME.length() + 1);
            String path = rest.startsWith("//") ? rest.substring(2) : rest;
            String dir = path.isEmpty() || path.equals("/") ? spec.option("dir") : path;
            if (dir == null || dir.isBlank()) {
                throw invalid(spec, display, "no directory given (libvirt-dir:///absolute/dir or option dir)");
            }
            Path directory = path(spec, display, dir);
            if (!directory.isAbsolute()) {
                throw invalid(spec, display, "the directory must be an absolute path");
            }
            return new LibvirtSource(spec, DIRECTORY_SCHEME, display, null, directory.normalize(), null);
        }
        URI uri = parse(spec, display);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Path testFile = null;
        if (scheme.equals("test") && uri.getPath() != null && !uri.getPath().isEmpty()
                && !uri.getPath().equals("/default")) {
            testFile = path(spec, display, uri.getPath());
        }
        return new LibvirtSource(spec, scheme, display, uri.getHost(), null, testFile);
    }

    private static Path path(SourceSpec spec, String display, String text) throws ConnectorException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(spec, display, "not a valid path (" + e.getReason() + ")");
        }
    }

    private static URI parse(SourceSpec spec, String display) throws ConnectorException {
        try {
            return new URI(spec.uri());
        } catch (URISyntaxException e) {
            throw invalid(spec, display, "malformed URI (" + e.getReason() + ")");
        }
    }

    private static ConnectorException invalid(SourceSpec spec, String display, String problem) {
        return new ConnectorException(ErrorCode.INVALID_SOURCE, spec.id(),
                "libvirt source '" + spec.id() + "' (" + display + "): " + problem);
    }

    private static String schemeOf(String uri) {
        if (uri == null) {
            return null;
        }
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** Whether this is an offline directory rather than a live connection. */
    public boolean isDirectory() {
        return directory != null;
    }

    /** The source id. */
    public String id() {
        return spec.id();
    }

    /** The id of the one host this source describes: {@code libvirt:} plus the source id. */
    public String hostId() {
        return "libvirt:" + spec.id();
    }

    /** {@code libvirt source 'ID' (URI)}: the start of every message about this source. */
    public String describe() {
        return "libvirt source '" + spec.id() + "' (" + displayUri + ")";
    }

    /** The option's value, or the default when it is not set. */
    public String option(String key, String fallback) {
        String v = spec.option(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** A numeric option, or the default when it is not set. */
    public long longOption(String key, long fallback) throws ConnectorException {
        String v = spec.option(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new ConnectorException(ErrorCode.INVALID_SOURCE, spec.id(),
                    describe() + ": option " + key + " must be a number, not '" + v + "'");
        }
    }
}

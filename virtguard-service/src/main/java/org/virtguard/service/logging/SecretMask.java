package org.virtguard.service.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every log line: each secret the service read (database and TLS passwords, webhook secrets,
 * source credentials) is registered here and replaced by {@code ***} wherever it appears, and so is whatever
 * follows {@code password=}, {@code secret=}, {@code token=}, an {@code Authorization} or {@code (Set-)Cookie} header
 * and the session cookie. Thread-safe.
 */
public final class SecretMask {

    /** Secrets shorter than this are not masked (they would mask ordinary words). */
    static final int MIN_LENGTH = 6;
    private static final int MAX_SECRETS = 10_000;
    private static final List<String> SECRETS = new CopyOnWriteArrayList<>();
    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|api[_-]?key)\\s*[=:]\\s*)[^\\s&;,\"']+");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)(authorization:?\\s*(?:bearer|basic)\\s+)[^\\s\\\\\"]+");
    /** A Cookie or Set-Cookie header up to its end of line (escaped as a backslash in a rendered line). */
    private static final Pattern COOKIE_HEADER = Pattern.compile("(?i)((?:set-)?cookie:\\s*)[^\\r\\n\\\\\"]+");
    private static final Pattern SESSION_COOKIE = Pattern.compile("(?i)(vg_session=)[^;\\s\\\\\"]+");

    private SecretMask() {
    }

    /** Masks {@code secret} in every later log line (ignored when shorter than six characters). */
    public static void register(String secret) {
        if (secret != null && secret.length() >= MIN_LENGTH && !SECRETS.contains(secret)
                && SECRETS.size() < MAX_SECRETS) {
            SECRETS.add(secret);
        }
    }

    /** Masks {@code secret} in every later log line. */
    public static void register(char[] secret) {
        if (secret != null) {
            register(new String(secret));
        }
    }

    /** {@code line} with every known secret and every assigned password or token replaced by {@code ***}. */
    public static String mask(String line) {
        if (line == null) {
            return null;
        }
        String masked = line;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, "***");
            }
        }
        if (masked.indexOf('=') >= 0 || masked.indexOf(':') >= 0) {
            masked = ASSIGNED.matcher(masked).replaceAll("$1***");
            masked = AUTHORIZATION.matcher(masked).replaceAll("$1***");
            masked = COOKIE_HEADER.matcher(masked).replaceAll("$1***");
            masked = SESSION_COOKIE.matcher(masked).replaceAll("$1***");
        }
        return masked;
    }
}

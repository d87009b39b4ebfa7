package org.virtguard.store;

import java.util.regex.Pattern;

/** Masks credentials that a JDBC URL may carry. */
final class JdbcUrls {

    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)\\s*=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

    private JdbcUrls() {
    }

    static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceFirst("//***@");
    }
}

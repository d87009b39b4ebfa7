package org.virtguard.service.config;

import java.util.Locale;
import java.util.regex.Pattern;

import org.virtguard.service.ServiceException;
import org.virtguard.model.ErrorCode;

/** Guards against secrets written into URIs, where they would end up in shell history, process lists and logs. */
public final class SourceUris {

    private static final Pattern USER_INFO_WITH_PASSWORD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@]*:[^/@]*@");
    private static final Pattern QUERY_SECRET = Pattern.compile("[?&;](password|passwd|pwd|secret|token)=",
            Pattern.CASE_INSENSITIVE);

    private SourceUris() {
    }

    /**
     * Whether {@code uri} carries a secret: {@code scheme://user:password@host} or a {@code password=},
     * {@code secret=}, {@code token=} (and similar) query parameter.
     */
    public static boolean containsEmbeddedSecret(String uri) {
        return USER_INFO_WITH_PASSWORD.matcher(uri).find() || QUERY_SECRET.matcher(uri).find();
    }

    /** Rejects {@code scheme://user:password@host} and {@code ?password=} forms. */
    public static void rejectEmbeddedSecrets(String uri, String where) {
        if (containsEmbeddedSecret(uri)) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, where + ": the URI contains a password; "
                    + "give credentials through passwordEnv or passwordFile in the configuration file", true);
        }
    }

    /** Rejects JDBC URLs carrying a password parameter. */
    public static void rejectJdbcPassword(String url, String where) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains("password=") || QUERY_SECRET.matcher(url).find()) {
            throw new ServiceException(ErrorCode.INVALID_CONFIG, where + ": the JDBC URL contains a password; "
                    + "set VIRTGUARD_STORE_PASSWORD or store.passwordEnv / store.passwordFile instead", true);
        }
    }
}

package org.virtguard.service.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.virtguard.model.ErrorCode;
import org.virtguard.service.ServiceException;

/**
 * Reads the secrets the configuration names: the first line of a file (bounded, a trailing CR dropped) or an
 * environment variable. Errors name the file or variable and where it was configured, never the secret; every
 * secret read is masked in the log from then on.
 */
public final class SecretReader {

    static final long MAX_SECRET_FILE_BYTES = 64 * 1024;

    private SecretReader() {
    }

    /**
     * The first line of {@code file}.
     *
     * @throws IOException when it cannot be read or is larger than {@value #MAX_SECRET_FILE_BYTES} bytes
     */
    public static String firstLine(Path file) throws IOException {
        if (Files.size(file) > MAX_SECRET_FILE_BYTES) {
            throw new IOException("larger than " + MAX_SECRET_FILE_BYTES + " bytes");
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int end = content.indexOf('\n');
        String line = end < 0 ? content : content.substring(0, end);
        String secret = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        org.virtguard.service.logging.SecretMask.register(secret);
        return secret;
    }

    /**
     * The secret in {@code file} if one is named, else in the environment variable {@code variable}.
     *
     * @param where the configuration key or option that names it, for the error message
     * @throws ServiceException {@code CREDENTIAL_UNAVAILABLE} when neither gives a value
     */
    public static String fileOrEnvironment(String file, String variable, Map<String, String> environment,
                                           String where) {
        if (file != null) {
            try {
                return firstLine(Path.of(file));
            } catch (IOException e) {
                throw ServiceException.invalid(ErrorCode.CREDENTIAL_UNAVAILABLE, where + ": cannot read the secret "
                        + "file " + file + " (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")");
            }
        }
        String value = variable == null ? null : environment.get(variable);
        if (value == null) {
            throw ServiceException.invalid(ErrorCode.CREDENTIAL_UNAVAILABLE, where + ": the secret is not set (give "
                    + "its file, or set the environment variable " + variable + ")");
        }
        org.virtguard.service.logging.SecretMask.register(value);
        return value;
    }
}

package org.virtguard.service.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;

/**
 * Credentials read on demand from environment variables or files named in the configuration. Error
 * messages name the variable or file, never the secret.
 */
public final class SecretCredentials implements Credentials {

    private final String sourceId;
    private final CredentialConfig config;
    private final Map<String, String> environment;

    public SecretCredentials(String sourceId, CredentialConfig config, Map<String, String> environment) {
        this.sourceId = sourceId;
        this.config = config;
        this.environment = environment;
    }

    @Override
    public Optional<String> username() {
        if (config == null) {
            return Optional.empty();
        }
        if (config.usernameEnv() != null) {
            return Optional.ofNullable(environment.get(config.usernameEnv()));
        }
        return Optional.ofNullable(config.username());
    }

    @Override
    public Optional<char[]> password() throws ConnectorException {
        if (config == null) {
            return Optional.empty();
        }
        if (config.passwordEnv() != null) {
            String value = environment.get(config.passwordEnv());
            if (value == null) {
                throw unavailable("environment variable " + config.passwordEnv() + " is not set");
            }
            return Optional.of(value.toCharArray());
        }
        if (config.passwordFile() != null) {
            return Optional.of(readSecretFile(Path.of(config.passwordFile())));
        }
        return Optional.empty();
    }

    private char[] readSecretFile(Path file) throws ConnectorException {
        try {
            return SecretReader.firstLine(file).toCharArray();
        } catch (IOException e) {
            throw unavailable("cannot read password file " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null && e.getMessage().startsWith("larger than") ? ": " + e.getMessage()
                    : "") + ")");
        }
    }

    private ConnectorException unavailable(String message) {
        return new ConnectorException(ErrorCode.CREDENTIAL_UNAVAILABLE, sourceId,
                "source '" + sourceId + "': " + message);
    }

    @Override
    public String toString() {
        return "SecretCredentials[source=" + sourceId + ", secrets not shown]";
    }
}

package org.virtguard.spi;

import java.util.Optional;

/**
 * Secrets for one source, resolved by the wiring layer from environment variables or files.
 * Implementations must never include secrets in {@link Object#toString()}.
 */
public interface Credentials {

    /** The user name, if one was configured. */
    Optional<String> username();

    /**
     * The password, if one was configured. Callers should clear the returned array after use.
     *
     * @throws ConnectorException when a configured secret cannot be read
     */
    Optional<char[]> password() throws ConnectorException;

    /** No credentials: the connector relies on ambient authentication (SSH agent, TLS client certs, local socket). */
    static Credentials none() {
        return new Credentials() {
            @Override
            public Optional<String> username() {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> password() {
                return Optional.empty();
            }

            @Override
            public String toString() {
                return "Credentials[none]";
            }
        };
    }
}

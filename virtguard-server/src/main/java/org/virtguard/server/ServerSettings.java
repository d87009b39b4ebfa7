package org.virtguard.server;

import java.nio.file.Path;
import java.util.Objects;

import org.virtguard.server.security.SecurityPolicy;

/**
 * How the server listens.
 *
 * @param bindAddress address to listen on (default loopback)
 * @param port        TCP port; 0 picks a free one
 * @param tls         TLS from a PKCS#12 keystore, or {@code null} for plain HTTP
 * @param security    session, lockout and rate-limit tunables
 */
public record ServerSettings(String bindAddress, int port, Tls tls, SecurityPolicy security) {

    public ServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        security = security == null ? SecurityPolicy.defaults() : security;
    }

    public static ServerSettings loopback(int port) {
        return new ServerSettings("127.0.0.1", port, null, null);
    }

    /**
     * A PKCS#12 keystore holding the server's key and certificate chain. {@link #toString()} hides the password.
     *
     * @param keystore path of the {@code .p12} file
     * @param password the keystore password
     */
    public record Tls(Path keystore, char[] password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            password = password == null ? new char[0] : password;
        }

        @Override
        public String toString() {
            return "Tls[" + keystore + ", password=***]";
        }
    }
}

package org.virtguard.connector.vsphere.vcsim;

import java.util.Optional;

import org.virtguard.spi.Credentials;

/** Credentials holding a fixed password, for tests only. */
public record TestCredentials(String user, String secret) implements Credentials {

    @Override
    public Optional<String> username() {
        return Optional.ofNullable(user);
    }

    @Override
    public Optional<char[]> password() {
        return Optional.of(secret.toCharArray());
    }

    @Override
    public String toString() {
        return "TestCredentials[secrets not shown]";
    }
}

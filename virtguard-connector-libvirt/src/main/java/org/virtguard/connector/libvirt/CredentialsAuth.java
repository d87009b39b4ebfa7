package org.virtguard.connector.libvirt;

import java.util.Arrays;
import java.util.Optional;

import org.libvirt.ConnectAuth;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;

/**
 * Answers libvirt's authentication prompts (SASL user name and password) from VirtGuard credentials. Prompts it
 * cannot answer fail the authentication instead of blocking.
 */
final class CredentialsAuth extends ConnectAuth {

    private final Credentials credentials;

    CredentialsAuth(Credentials credentials) {
        this.credentials = credentials;
        credType = new CredentialType[] {CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
                CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT};
    }

    @Override
    public int callback(Credential[] requested) {
        for (Credential c : requested) {
            switch (c.type) {
                case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> {
                    Optional<String> user = credentials.username();
                    if (user.isEmpty() && c.defresult == null) {
                        return -1;
                    }
                    c.result = user.orElse(c.defresult);
                }
                case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> {
                    char[] password = password();
                    if (password == null) {
                        return -1;
                    }
                    c.result = new String(password);
                    Arrays.fill(password, '\0');
                }
                default -> {
                    return -1;
                }
            }
        }
        return 0;
    }

    private char[] password() {
        try {
            return credentials.password().orElse(null);
        } catch (ConnectorException e) {
            return null;
        }
    }
}

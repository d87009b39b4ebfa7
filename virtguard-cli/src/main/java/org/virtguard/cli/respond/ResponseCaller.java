package org.virtguard.cli.respond;

import java.time.Clock;
import java.util.Map;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.response.Actor;
import org.virtguard.server.security.Authenticator;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.Store;
import org.virtguard.store.security.Role;

/** Who runs a {@code respond} command: the owner of the API token in the environment, checked against the store. */
final class ResponseCaller {

    static final String TOKEN_VARIABLE = "VIRTGUARD_TOKEN";

    private ResponseCaller() {
    }

    static Actor identify(Store store, Map<String, String> environment, Role required, Clock clock) {
        String token = environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new CliException(ErrorCode.CREDENTIAL_UNAVAILABLE, "respond needs an API token in "
                    + TOKEN_VARIABLE + " (create one in the console or with POST /api/v1/tokens)", ExitCodes.USAGE);
        }
        Authenticator authenticator = new Authenticator(store.security(), PasswordHasher.standard(),
                SecurityPolicy.defaults(), clock);
        Principal p = authenticator.token(token.strip()).orElseThrow(() -> new CliException(
                ErrorCode.AUTHENTICATION_FAILED, "the API token in " + TOKEN_VARIABLE
                + " is unknown, expired or revoked", ExitCodes.USAGE));
        if (!p.role().includes(required) || !p.hasScope(TokenScope.WRITE)) {
            throw new CliException(ErrorCode.PERMISSION_DENIED, p.username() + " (" + p.role().name().toLowerCase()
                    + ") may not do this: it needs the " + required.name().toLowerCase() + " role and a token with "
                    + "scope 'write'", ExitCodes.USAGE);
        }
        return new Actor(p.username(), p.role().includes(Role.ADMIN), "cli");
    }
}

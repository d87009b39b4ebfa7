package org.virtguard.server.security;

import java.util.Set;

import org.virtguard.store.security.Role;

/**
 * Who is calling, after authentication.
 *
 * @param username  the user (the token's owner for token calls)
 * @param role      the effective role: for tokens, the lower of the token's and the owner's role
 * @param tokenId   the API token's id, or {@code null} for a console session
 * @param scopes    the token's scopes; empty for sessions, which are not scope-limited
 * @param csrfToken the session's synchronizer token, or {@code null} for tokens
 * @param sessionHash the session id digest, or {@code null} for tokens
 * @param passwordChangeRequired whether this console session may only change the password (a temporary one)
 */
public record Principal(String username, Role role, String tokenId, Set<String> scopes, String csrfToken,
                        String sessionHash, boolean passwordChangeRequired) {

    public Principal {
        scopes = Set.copyOf(scopes == null ? Set.of() : scopes);
    }

    /** A caller who need not change their password first. */
    public Principal(String username, Role role, String tokenId, Set<String> scopes, String csrfToken,
                     String sessionHash) {
        this(username, role, tokenId, scopes, csrfToken, sessionHash, false);
    }

    public boolean viaToken() {
        return tokenId != null;
    }

    /** The name written into the audit log. */
    public String actor() {
        return viaToken() ? username + " (token " + tokenId + ")" : username;
    }

    /** Whether the caller may use a route that needs {@code scope}; sessions may use any. */
    public boolean hasScope(String scope) {
        return !viaToken() || scopes.contains(scope);
    }
}

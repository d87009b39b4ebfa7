package org.virtguard.store.security;

import java.time.Instant;

/**
 * A console session as stored: only the digest of its id is kept.
 *
 * @param idHash     SHA-256 of the session id, hex
 * @param username   the logged-in user
 * @param role       the user's current role
 * @param csrfToken  the synchronizer token forms and scripts must echo
 * @param createdAt  login time
 * @param lastSeenAt last request time
 * @param expiresAt  absolute expiry
 */
public record StoredSession(String idHash, String username, Role role, String csrfToken, Instant createdAt,
                            Instant lastSeenAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "StoredSession[" + username + ", expires " + expiresAt + "]";
    }
}

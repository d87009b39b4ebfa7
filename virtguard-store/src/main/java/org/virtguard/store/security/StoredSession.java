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
 * @param passwordChangeRequired whether the user must set a new password before doing anything else
 */
public record StoredSession(String idHash, String username, Role role, String csrfToken, Instant createdAt,
                            Instant lastSeenAt, Instant expiresAt, boolean passwordChangeRequired) {

    /** A session of a user who need not change their password. */
    public StoredSession(String idHash, String username, Role role, String csrfToken, Instant createdAt,
                         Instant lastSeenAt, Instant expiresAt) {
        this(idHash, username, role, csrfToken, createdAt, lastSeenAt, expiresAt, false);
    }

    @Override
    public String toString() {
        return "StoredSession[" + username + ", expires " + expiresAt + "]";
    }
}

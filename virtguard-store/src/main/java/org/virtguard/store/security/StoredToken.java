package org.virtguard.store.security;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: the token itself is never kept, only its SHA-256.
 *
 * @param id         public identifier (shown in lists, used to revoke)
 * @param name       what the owner called it
 * @param username   owner; the token never exceeds the owner's current role
 * @param role       the most the token may do
 * @param scopes     further restrictions, e.g. {@code metrics}; empty means any route the role allows
 * @param createdAt  creation time
 * @param expiresAt  expiry; every token expires
 * @param lastUsedAt last use, or {@code null}
 * @param revokedAt  revocation time, or {@code null}
 */
public record StoredToken(String id, String name, String username, Role role, Set<String> scopes, Instant createdAt,
                          Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public StoredToken {
        scopes = Set.copyOf(scopes == null ? Set.of() : scopes);
    }

    /** Whether the token may be used at {@code now}. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}

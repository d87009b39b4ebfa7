package org.virtguard.store.security;

import java.time.Instant;
import java.util.Objects;

/**
 * Who made a user account what it is, for the two-person rule.
 *
 * @param username  the account
 * @param role      its role now
 * @param disabled  whether logins are refused
 * @param createdAt when it was created
 * @param createdBy who created it, or {@code null} (the first admin, or created before provenance was recorded)
 * @param changedBy who last changed its role, reset its password or enabled it, or {@code null} for never
 * @param changedAt when that was, or {@code null}
 */
public record UserProvenance(String username, Role role, boolean disabled, Instant createdAt, String createdBy,
                             String changedBy, Instant changedAt) {

    public UserProvenance {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether {@code other} created this account or last changed it. */
    public boolean madeBy(String other) {
        return other != null && (other.equalsIgnoreCase(createdBy) || other.equalsIgnoreCase(changedBy));
    }
}

package org.virtguard.store.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A local user. {@link #toString()} never shows the password hash.
 *
 * @param username          login name
 * @param role              what the user may do
 * @param passwordHash      encoded password hash (Argon2id in PHC string format)
 * @param createdAt         when the account was created
 * @param passwordChangedAt when the password was last set
 * @param disabled          whether logins are refused
 * @param failedLogins      consecutive failed logins since the last success
 * @param lockedUntil       logins are refused until then, or {@code null}
 */
public record UserAccount(String username, Role role, String passwordHash, Instant createdAt,
                          Instant passwordChangedAt, boolean disabled, int failedLogins, Instant lockedUntil) {

    public UserAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** Whether the account is locked at the given instant. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + ", " + role + (disabled ? ", disabled" : "") + "]";
    }
}

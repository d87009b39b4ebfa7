package org.virtguard.store.security;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A request to make an account an admin, waiting for a second admin ({@link TwoPersonRule}). The password hash of
 * a new account is kept only while the request is pending and never leaves the server.
 *
 * @param id           the request's number
 * @param kind         create a new admin, or promote an existing user
 * @param username     the account
 * @param passwordHash the new account's password hash while pending ({@link Kind#CREATE}), else {@code null}
 * @param requestedBy  who asked
 * @param requestedAt  when
 * @param expiresAt    when it lapses without approval
 * @param status       where it stands
 * @param decidedBy    who approved or rejected it, or {@code null}
 * @param decidedAt    when, or {@code null}
 * @param decisionNote the decider's note, or {@code null}
 */
public record AdminGrant(long id, Kind kind, String username, String passwordHash, String requestedBy,
                         Instant requestedAt, Instant expiresAt, Status status, String decidedBy, Instant decidedAt,
                         String decisionNote) {

    public AdminGrant {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(status, "status");
    }

    /** What the grant does. */
    public enum Kind {
        /** Creates a new admin account. */
        CREATE,
        /** Gives an existing account the admin role. */
        PROMOTE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a grant stands. */
    public enum Status {
        PENDING, APPROVED, REJECTED, CANCELLED, EXPIRED, BREAK_GLASS;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        return "AdminGrant[#" + id + " " + kind.id() + " " + username + " by " + requestedBy + ", " + status.id() + "]";
    }
}

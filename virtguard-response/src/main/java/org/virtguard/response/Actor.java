package org.virtguard.response;

import java.util.Objects;

/**
 * Who asks: an authenticated user, or the response policy itself.
 *
 * @param name          user name, or {@code policy:<alert kind>} for triggers
 * @param admin         whether the user has the admin role (required to approve)
 * @param remoteAddress where the call came from, for the audit log ({@code cli} or {@code service} locally)
 */
public record Actor(String name, boolean admin, String remoteAddress) {
    public Actor {
        Objects.requireNonNull(name, "name");
    }

    /** The response policy acting on a trigger. */
    public static Actor policy(String alertKind) {
        return new Actor("policy:" + alertKind, false, "service");
    }
}

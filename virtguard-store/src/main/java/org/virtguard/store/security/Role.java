package org.virtguard.store.security;

import java.util.Locale;

/** What a user or API token may do, in increasing order of privilege. */
public enum Role {
    /** Reads inventory, findings, alerts, metrics and the audit log. */
    VIEWER,
    /** Also acknowledges alerts, grants exceptions and starts scans. */
    OPERATOR,
    /** Also manages users and API tokens. */
    ADMIN;

    /** Whether this role includes everything {@code required} may do. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** Parses a role name case-insensitively. */
    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + text + "' (viewer, operator, admin)");
        }
    }
}

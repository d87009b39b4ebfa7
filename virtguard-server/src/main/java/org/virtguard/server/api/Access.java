package org.virtguard.server.api;

import org.virtguard.server.security.TokenScope;
import org.virtguard.store.security.Role;

/**
 * Who may call a route.
 *
 * @param kind    how the route answers and whether it needs a caller at all
 * @param minRole the least role allowed, or {@code null} for public routes
 * @param scope   the token scope needed, or {@code null} for public routes
 */
public record Access(Kind kind, Role minRole, String scope) {

    /** How a route is reached. */
    public enum Kind {
        /** No authentication: only health, login and static assets. */
        PUBLIC,
        /**
         * Liveness and readiness: answered from memory without the guard authenticating anyone (authentication
         * reads the store); the handler decides itself, within its time budget, what an authenticated caller sees.
         */
        PROBE,
        /** JSON API: 401/403 as JSON. */
        API,
        /** Console page or form: redirects to the login page without a session. */
        PAGE
    }

    public static Access publicRoute() {
        return new Access(Kind.PUBLIC, null, null);
    }

    /** A health or readiness probe: public, never authenticated by the guard (see {@link Kind#PROBE}). */
    public static Access probe() {
        return new Access(Kind.PROBE, null, null);
    }

    public static Access read(Role role) {
        return new Access(Kind.API, role, TokenScope.READ);
    }

    public static Access write(Role role) {
        return new Access(Kind.API, role, TokenScope.WRITE);
    }

    public static Access admin() {
        return new Access(Kind.API, Role.ADMIN, TokenScope.ADMIN);
    }

    public static Access metrics() {
        return new Access(Kind.API, Role.VIEWER, TokenScope.METRICS);
    }

    public static Access page(Role role) {
        return new Access(Kind.PAGE, role, TokenScope.READ);
    }

    public boolean isPublic() {
        return kind == Kind.PUBLIC || kind == Kind.PROBE;
    }
}

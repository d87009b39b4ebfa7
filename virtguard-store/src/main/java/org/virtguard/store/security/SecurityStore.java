package org.virtguard.store.security;

import org.jdbi.v3.core.Jdbi;

/** The repositories that secure VirtGuard itself: users, sessions, API tokens, known login
 * places and the audit log. */
public final class SecurityStore {

    private final UserRepository users;
    private final SessionRepository sessions;
    private final TokenRepository tokens;
    private final AuditLog audit;
    private final AdminGrantRepository adminGrants;
    private final LoginSourceRepository loginSources;

    public SecurityStore(Jdbi jdbi) {
        this.users = new UserRepository(jdbi);
        this.sessions = new SessionRepository(jdbi);
        this.tokens = new TokenRepository(jdbi);
        this.audit = new AuditLog(jdbi);
        this.adminGrants = new AdminGrantRepository(jdbi);
        this.loginSources = new LoginSourceRepository(jdbi);
    }

    public UserRepository users() {
        return users;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public TokenRepository tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Admin grants waiting for a second admin. */
    public AdminGrantRepository adminGrants() {
        return adminGrants;
    }

    /** Where each account logged in from successfully (known-good login places). */
    public LoginSourceRepository loginSources() {
        return loginSources;
    }
}

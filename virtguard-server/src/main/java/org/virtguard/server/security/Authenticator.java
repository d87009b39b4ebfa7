package org.virtguard.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.virtguard.store.security.Role;
import org.virtguard.store.security.SecurityStore;
import org.virtguard.store.security.StoredSession;
import org.virtguard.store.security.StoredToken;
import org.virtguard.store.security.UserAccount;

/**
 * Logs users in and out, and turns a session id or an API token into a {@link Principal}.
 * Session ids and tokens are looked up by their SHA-256 only.
 */
public final class Authenticator {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final SecurityStore store;
    private final PasswordHasher hasher;
    private final SecurityPolicy policy;
    private final LoginRateLimiter limiter;
    private final Clock clock;
    private final String dummyHash;

    public Authenticator(SecurityStore store, PasswordHasher hasher, SecurityPolicy policy, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
        this.limiter = new LoginRateLimiter(policy.loginsPerAddress(), policy.loginWindow());
        this.dummyHash = hasher.hash(Secrets.password(20));
    }

    /** Checks a password and opens a session. Unknown users cost as much time as wrong passwords. */
    public LoginResult login(String username, char[] password, String remoteAddress) {
        Instant now = clock.instant();
        if (!limiter.tryAcquire(remoteAddress, now)) {
            return new LoginResult(LoginResult.Outcome.RATE_LIMITED, null, null);
        }
        Optional<UserAccount> account = username == null || username.length() > 128 ? Optional.empty()
                : store.users().find(username);
        if (account.isEmpty()) {
            hasher.verify(password, dummyHash);
            return new LoginResult(LoginResult.Outcome.INVALID_CREDENTIALS, null, null);
        }
        UserAccount user = account.get();
        if (user.lockedAt(now)) {
            return new LoginResult(LoginResult.Outcome.LOCKED, null, null);
        }
        if (user.disabled() || !hasher.verify(password, user.passwordHash())) {
            Optional<UserAccount> after = store.users().recordFailure(user.username(), policy.maxFailedLogins(),
                    policy.lockout(), now);
            boolean locked = after.map(a -> a.lockedAt(now)).orElse(false);
            return new LoginResult(locked ? LoginResult.Outcome.LOCKED : LoginResult.Outcome.INVALID_CREDENTIALS,
                    null, null);
        }
        store.users().recordSuccess(user.username());
        String sessionId = Secrets.random(32);
        String csrf = Secrets.random(32);
        String hash = Secrets.digest(sessionId);
        store.sessions().create(hash, user.username(), csrf, now, now.plus(policy.sessionIdleTimeout()));
        return new LoginResult(LoginResult.Outcome.SUCCESS, sessionId,
                new Principal(user.username(), user.role(), null, Set.of(), csrf, hash));
    }

    /** The caller of a console session, sliding its idle expiry. */
    public Optional<Principal> session(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = Secrets.digest(sessionId);
        Optional<StoredSession> found = store.sessions().find(hash, now);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredSession s = found.get();
        Instant absoluteEnd = s.createdAt().plus(policy.sessionAbsoluteTimeout());
        if (!now.isBefore(absoluteEnd)) {
            store.sessions().delete(hash);
            return Optional.empty();
        }
        if (s.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            Instant idleEnd = now.plus(policy.sessionIdleTimeout());
            Instant end = idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
            unlessDiskFull(() -> store.sessions().touch(hash, now, end));
        }
        return Optional.of(new Principal(s.username(), s.role(), null, Set.of(), s.csrfToken(), hash));
    }

    /** The caller presenting an API token: usable, its owner enabled, role capped by the owner's. */
    public Optional<Principal> token(String token) {
        if (token == null || token.isEmpty() || token.length() > 256) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<StoredToken> found = store.tokens().findByHash(Secrets.digest(token));
        if (found.isEmpty() || !found.get().usableAt(now)) {
            return Optional.empty();
        }
        StoredToken t = found.get();
        Optional<UserAccount> owner = store.users().find(t.username());
        if (owner.isEmpty() || owner.get().disabled()) {
            return Optional.empty();
        }
        Role effective = owner.get().role().includes(t.role()) ? t.role() : owner.get().role();
        if (t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            unlessDiskFull(() -> store.tokens().touch(t.id(), now));
        }
        return Optional.of(new Principal(t.username(), effective, t.id(), t.scopes(), null, null));
    }

    /** Runs a bookkeeping write (last use) that must not turn a read into an error while the disk is full. */
    private static void unlessDiskFull(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            if (!org.virtguard.store.StoreFailures.diskFull(e)) {
                throw e;
            }
        }
    }

    public void logout(Principal principal) {
        if (principal.sessionHash() != null) {
            store.sessions().delete(principal.sessionHash());
        }
    }
}

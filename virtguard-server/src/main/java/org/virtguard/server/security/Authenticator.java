package org.virtguard.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 *
 * <p>Login abuse: attempts per address are rate-limited ({@link LoginRateLimiter}); failures slow down further
 * attempts per account and source, and per account from unknown sources only ({@link LoginThrottle}), so a stranger's
 * guesses never hold back the owner at a place the account logged in from before (its address or device cookie);
 * password checks, with their database look-ups, run at most {@link SecurityPolicy#concurrentPasswordChecks()} at a
 * time ({@link HashingGate}), more are refused at once, so a flood takes neither the cores nor the store's connections
 * from the API. Unknown user names go through the same steps, including a full
 * Argon2 verification against a dummy hash, and get the same answer as a wrong password.
 */
public final class Authenticator {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    private static final int MAX_USERNAME = 128;
    private static final java.util.regex.Pattern DEVICE_COOKIE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecurityStore store;
    private final PasswordHasher hasher;
    private final SecurityPolicy policy;
    private final LoginRateLimiter limiter;
    private final LoginThrottle throttle;
    private final HashingGate gate;
    private final KnownLoginPlaces knownPlaces;
    private final Clock clock;
    private final String dummyHash;

    public Authenticator(SecurityStore store, PasswordHasher hasher, SecurityPolicy policy, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.policy = policy;
        this.clock = clock;
        this.limiter = new LoginRateLimiter(policy.loginsPerAddress(), policy.loginWindow());
        this.throttle = new LoginThrottle(policy.maxFailedLogins(), policy.failuresPerAccount(), policy.lockout());
        this.gate = new HashingGate(policy.concurrentPasswordChecks());
        this.knownPlaces = new KnownLoginPlaces(store.loginSources());
        this.dummyHash = hasher.hash(Secrets.password(20));
    }

    /** Checks a password and opens a session, for a client without a device cookie. */
    public LoginResult login(String username, char[] password, String remoteAddress) {
        return login(username, password, remoteAddress, null);
    }

    /**
     * Checks a password and opens a session. Unknown users cost as much time as wrong passwords and get the same
     * outcome.
     *
     * @param deviceCookie the browser's device cookie, or {@code null}; when it belongs to a browser that logged in to
     *                     this account before, the attempt counts as coming from a known-good place
     */
    public LoginResult login(String username, char[] password, String remoteAddress, String deviceCookie) {
        Instant now = clock.instant();
        if (!limiter.tryAcquire(remoteAddress, now)) {
            return LoginResult.refused(LoginResult.Outcome.RATE_LIMITED, policy.loginWindow());
        }
        String name = username == null ? "" : username.length() > MAX_USERNAME ? username.substring(0, MAX_USERNAME)
                : username;
        String addressKey = "ip:" + (remoteAddress == null ? "?" : remoteAddress);
        boolean validDevice = deviceCookie != null && DEVICE_COOKIE.matcher(deviceCookie).matches();
        String deviceKey = validDevice ? "device:" + Secrets.digest(deviceCookie) : null;
        List<String> keys = deviceKey == null ? List.of(addressKey) : List.of(addressKey, deviceKey);
        // all database work of a login happens under a hashing permit, so a flood cannot take the store's
        // connections from the API either; without one, only the in-memory view of known places is consulted
        HashingGate.Permit general = gate.tryEnter(false);
        HashingGate.Permit permit = general != null || !knownPlaces.knownInMemory(name, keys) ? general
                : gate.tryEnter(true);
        if (permit == null) {
            return LoginResult.refused(LoginResult.Outcome.BUSY, BUSY_RETRY);
        }
        Optional<UserAccount> account;
        String source;
        boolean knownGood;
        boolean matches;
        try (permit) {
            account = username == null || username.length() > MAX_USERNAME ? Optional.empty()
                    : store.users().find(name);
            Set<String> known = knownPlaces.lookUp(name, keys);
            knownGood = !known.isEmpty();
            source = deviceKey != null && known.contains(deviceKey) ? deviceKey : addressKey;
            Optional<Duration> wait = throttle.waitFor(name, source, knownGood, now);
            if (wait.isPresent()) {
                return LoginResult.refused(LoginResult.Outcome.THROTTLED, wait.get());
            }
            matches = hasher.verify(password, account.map(UserAccount::passwordHash).orElse(dummyHash));
        }
        if (!matches || account.isEmpty() || account.get().disabled()) {
            throttle.failed(name, source, knownGood, clock.instant());
            return new LoginResult(LoginResult.Outcome.INVALID_CREDENTIALS, null, null);
        }
        UserAccount user = account.get();
        throttle.succeeded(name, source);
        store.users().recordSuccess(user.username());
        String newDevice = validDevice ? null : Secrets.random(32);
        knownPlaces.remember(user.username(),
                List.of(addressKey, "device:" + Secrets.digest(validDevice ? deviceCookie : newDevice)), now);
        boolean mustChange = store.users().passwordChangeRequired(user.username()).orElse(false);
        String sessionId = Secrets.random(32);
        String csrf = Secrets.random(32);
        String hash = Secrets.digest(sessionId);
        store.sessions().create(hash, user.username(), csrf, now, now.plus(policy.sessionIdleTimeout()));
        return new LoginResult(LoginResult.Outcome.SUCCESS, sessionId,
                new Principal(user.username(), user.role(), null, Set.of(), csrf, hash, mustChange), null, newDevice);
    }

    /** Forgets the places {@code username} logged in from (after an admin reset the password). */
    public void forgetKnownPlaces(String username) {
        knownPlaces.forget(username);
    }

    /**
     * Checks the current password of a logged-in user (before a password change), with the same progressive delays
     * (per account, whatever the address: only the user's own sessions and tokens get here) and hashing cap as a
     * login.
     *
     * @return {@link LoginResult.Outcome#SUCCESS}, {@code INVALID_CREDENTIALS}, {@code THROTTLED} or {@code BUSY},
     *         without a session
     */
    public LoginResult verifyPassword(String username, char[] password) {
        Instant now = clock.instant();
        String source = "reauth";
        Optional<Duration> wait = throttle.waitFor(username, source, true, now);
        if (wait.isPresent()) {
            return LoginResult.refused(LoginResult.Outcome.THROTTLED, wait.get());
        }
        HashingGate.Permit permit = gate.tryEnter(true);
        if (permit == null) {
            return LoginResult.refused(LoginResult.Outcome.BUSY, BUSY_RETRY);
        }
        Optional<UserAccount> account;
        boolean matches;
        try (permit) {
            account = store.users().find(username);
            matches = hasher.verify(password, account.map(UserAccount::passwordHash).orElse(dummyHash));
        }
        if (!matches || account.isEmpty()) {
            throttle.failed(username, source, true, clock.instant());
            return new LoginResult(LoginResult.Outcome.INVALID_CREDENTIALS, null, null);
        }
        throttle.succeeded(username, source);
        return new LoginResult(LoginResult.Outcome.SUCCESS, null, null);
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
        return Optional.of(new Principal(s.username(), s.role(), null, Set.of(), s.csrfToken(), hash,
                s.passwordChangeRequired()));
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

package org.virtguard.server.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.virtguard.server.security.Authenticator;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;

/**
 * Who may see the details of {@code GET /readyz}, decided within a fixed time budget whatever the store's state.
 * Authentication reads the store, so it runs on a small pool of its own and the request waits at most
 * {@link #BUDGET}. A caller verified within the last {@link #REMEMBERED} (by digest of its token or session id,
 * never the secret itself) is still recognised while the store is down or slow, so that monitoring keeps seeing
 * which component failed during a database outage. While the store answers, every call is verified afresh: a
 * revoked token or ended session loses access at once; a verification that outlasts the budget (a cold start, a
 * slow store) still completes in the background and counts for the next call. Details are for any role with a console session, or a
 * token with scope {@code read} or {@code metrics}.
 */
public final class ReadinessCallers implements AutoCloseable {

    /** The longest a readiness request waits for authentication. */
    public static final Duration BUDGET = Duration.ofMillis(40);
    /** How long a verified caller is remembered for when the store cannot verify it. */
    public static final Duration REMEMBERED = Duration.ofMinutes(10);
    private static final int MAX_REMEMBERED = 256;

    private final Authenticator authenticator;
    private final Clock clock;
    private final String sessionCookie;
    private final ThreadPoolExecutor pool;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Principal principal, Instant until) {
    }

    /** A bearer token or a session id, as presented. */
    private record Credential(boolean token, String secret) {
        String key() {
            return (token ? "t:" : "s:") + Secrets.digest(secret);
        }
    }

    public ReadinessCallers(Authenticator authenticator, Clock clock, String sessionCookie) {
        this.authenticator = authenticator;
        this.clock = clock;
        this.sessionCookie = sessionCookie;
        this.pool = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8), r -> {
            Thread t = new Thread(r, "virtguard-readiness-auth");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Whether the caller of this request may see readiness details. Reads the credentials on the request thread
     * and waits at most {@link #BUDGET} for their verification.
     *
     * @param storeUp whether the store probe last found the store reachable; when not, only remembered callers
     *                count and the store is not asked
     */
    public boolean mayViewDetails(io.javalin.http.Context ctx, boolean storeUp) {
        return caller(ctx.header("Authorization"), ctx.cookie(sessionCookie), storeUp)
                .filter(p -> p.hasScope(TokenScope.READ) || p.hasScope(TokenScope.METRICS)).isPresent();
    }

    private Optional<Principal> caller(String authorization, String sessionId, boolean storeUp) {
        Optional<Credential> presented = credential(authorization, sessionId);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        Credential credential = presented.get();
        String key = credential.key();
        if (storeUp) {
            CompletableFuture<Optional<Principal>> verification;
            try {
                verification = CompletableFuture.supplyAsync(() -> credential.token()
                        ? authenticator.token(credential.secret()) : authenticator.session(credential.secret()), pool);
            } catch (RejectedExecutionException e) {
                return recalled(key);
            }
            // a verification that outlasts the budget still updates what is remembered, for the next call
            verification.whenComplete((verified, error) -> {
                if (error == null) {
                    verified.ifPresentOrElse(p -> remember(key, p), () -> remembered.remove(key));
                }
            });
            try {
                return verification.get(BUDGET.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // slow or failing store: fall back to what was verified before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return recalled(key);
    }

    private static Optional<Credential> credential(String authorization, String sessionId) {
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, "Bearer ", 0, 7) && authorization.length() > 7) {
                return Optional.of(new Credential(true, authorization.substring(7).trim()));
            }
            return Optional.empty();
        }
        if (sessionId != null && !sessionId.isBlank()) {
            return Optional.of(new Credential(false, sessionId));
        }
        return Optional.empty();
    }

    private void remember(String key, Principal principal) {
        Instant now = clock.instant();
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.values().removeIf(r -> !r.until().isAfter(now));
        }
        if (remembered.size() < MAX_REMEMBERED || remembered.containsKey(key)) {
            remembered.put(key, new Remembered(principal, now.plus(REMEMBERED)));
        }
    }

    private Optional<Principal> recalled(String key) {
        Remembered r = remembered.get(key);
        if (r == null || !r.until().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(r.principal());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

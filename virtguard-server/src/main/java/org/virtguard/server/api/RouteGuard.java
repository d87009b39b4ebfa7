package org.virtguard.server.api;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import org.virtguard.server.security.Authenticator;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.Secrets;
import org.virtguard.store.security.AuditLog;
import org.virtguard.store.security.AuditRecord;

/**
 * Enforces a route's {@link Access}: authenticates (API token first, then console session), checks role,
 * token scope and, for state-changing session calls, the CSRF synchronizer token; keeps a console session with a
 * temporary password to changing it (and logging out); audits every
 * state-changing call with its outcome, including refused ones, except successes whose service audited them
 * itself ({@link #auditedByService(Context)}), so one action leaves one entry.
 */
public final class RouteGuard {

    /** Header carrying the CSRF token on console script calls; forms send field {@value #CSRF_FIELD}. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    /** The console page where a user changes their password. */
    public static final String PASSWORD_PAGE = "/account/password";
    /** The API route where a user changes their password. */
    public static final String PASSWORD_API = "/api/v1/me/password";
    /** What a console session with a temporary password may still reach. */
    private static final java.util.Set<String> WHILE_PASSWORD_TEMPORARY =
            java.util.Set.of(PASSWORD_PAGE, PASSWORD_API, "/logout", "/api/v1/me");

    private static final String PRINCIPAL = "virtguard.principal";
    private static final String DETAIL = "virtguard.auditDetail";
    private static final String AUDITED = "virtguard.auditedByService";
    private static final String FAILED = "virtguard.failed";
    private static final String REFUSAL_AUDITED = "virtguard.refusalAuditedByService";

    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;
    private final String sessionCookie;

    public RouteGuard(Authenticator authenticator, AuditLog audit, Clock clock, String sessionCookie) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
        this.sessionCookie = sessionCookie;
    }

    /** The authenticated caller of a guarded, non-public route. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw ApiError.unauthenticated();
        }
        return p;
    }

    /** The caller if there is one (public routes such as the login page). */
    public static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    /** Adds a detail (justification, note, new role; never a secret) to the audit entry of this call. */
    public static void auditDetail(Context ctx, String detail) {
        ctx.attribute(DETAIL, detail);
    }

    /**
     * Tells the guard that the service behind this call has written the audit entry of its success (who did what
     * to which object), so the guard adds none; refused and failed calls are still audited by the guard.
     */
    public static void auditedByService(Context ctx) {
        ctx.attribute(AUDITED, Boolean.TRUE);
    }

    /**
     * Tells the guard that the service behind this call has already written the audit entry of its refusal (a
     * self-approval the response service denied), so the guard adds none and the refusal is audited once.
     */
    public static void refusalAuditedByService(Context ctx) {
        ctx.attribute(REFUSAL_AUDITED, Boolean.TRUE);
    }

    /**
     * Tells the guard that this call failed although its response is not an error status (a console form that
     * redirects back with the reason), so that it is audited as a failure with {@code reason}.
     */
    public static void failed(Context ctx, String reason) {
        ctx.attribute(FAILED, Boolean.TRUE);
        ctx.attribute(DETAIL, reason);
    }

    /** The handler that enforces {@code route}'s rule before running it. */
    public Handler guard(ApiRoute route) {
        return ctx -> {
            if (route.access().kind() == Access.Kind.PROBE) {
                route.handler().handle(ctx);
                return;
            }
            if (route.access().isPublic()) {
                publicCaller(ctx).ifPresent(p -> ctx.attribute(PRINCIPAL, p));
                route.handler().handle(ctx);
                return;
            }
            Optional<Principal> caller = authenticate(ctx);
            caller.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
            if (caller.isEmpty()) {
                if (route.access().kind() == Access.Kind.PAGE && !route.changesState()) {
                    ctx.redirect("/login", HttpStatus.SEE_OTHER);
                    return;
                }
                throw ApiError.unauthenticated();
            }
            Principal p = caller.get();
            if (p.passwordChangeRequired() && !p.viaToken() && !WHILE_PASSWORD_TEMPORARY.contains(route.path())) {
                if (route.access().kind() == Access.Kind.PAGE && !route.changesState()) {
                    ctx.redirect(PASSWORD_PAGE, HttpStatus.SEE_OTHER);
                    return;
                }
                refuse(ctx, route, p, new ApiError(403, ApiError.PASSWORD_CHANGE_REQUIRED, "your password is temporary: "
                        + "set a new one first (console page " + PASSWORD_PAGE + " or POST " + PASSWORD_API + ")"));
            }
            if (!p.role().includes(route.access().minRole())) {
                refuse(ctx, route, p, ApiError.forbidden("role " + p.role().name().toLowerCase()
                        + " may not " + describe(route) + "; needs " + route.access().minRole().name().toLowerCase()));
            }
            if (!p.hasScope(route.access().scope())) {
                refuse(ctx, route, p, ApiError.forbidden("this API token lacks scope '" + route.access().scope() + "'"));
            }
            if (route.changesState() && !p.viaToken() && !csrfMatches(ctx, p)) {
                refuse(ctx, route, p, new ApiError(403, ApiError.CSRF_REJECTED,
                        "missing or wrong CSRF token (header " + CSRF_HEADER + " or form field " + CSRF_FIELD + ")"));
            }
            if (!route.changesState()) {
                route.handler().handle(ctx);
                return;
            }
            try {
                route.handler().handle(ctx);
                boolean failed = ctx.statusCode() >= 400 || Boolean.TRUE.equals(ctx.attribute(FAILED));
                boolean audited = Boolean.TRUE.equals(ctx.attribute(failed ? REFUSAL_AUDITED : AUDITED));
                if (!audited) {
                    record(ctx, route, p, failed ? "failure" : "success", ctx.attribute(DETAIL));
                }
            } catch (ApiError e) {
                if (!Boolean.TRUE.equals(ctx.attribute(REFUSAL_AUDITED))) {
                    record(ctx, route, p, "failure", e.code() + ": " + e.getMessage());
                }
                throw e;
            } catch (Exception e) {
                record(ctx, route, p, "failure", "internal error");
                throw e;
            }
        };
    }

    private Optional<Principal> publicCaller(Context ctx) {
        try {
            return authenticate(ctx);
        } catch (ApiError e) {
            return Optional.empty();
        }
    }

    private Optional<Principal> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiError.unauthenticated();
            }
            Optional<Principal> p = authenticator.token(authorization.substring(7).trim());
            if (p.isEmpty()) {
                throw new ApiError(401, org.virtguard.model.ErrorCode.AUTHENTICATION_FAILED.name(),
                        "the API token is unknown, expired or revoked");
            }
            return p;
        }
        return authenticator.session(ctx.cookie(sessionCookie));
    }

    private static boolean csrfMatches(Context ctx, Principal p) {
        String presented = ctx.header(CSRF_HEADER);
        if (presented == null && isForm(ctx)) {
            presented = ctx.formParam(CSRF_FIELD);
        }
        return Secrets.same(presented, p.csrfToken());
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private void refuse(Context ctx, ApiRoute route, Principal p, ApiError error) {
        if (route.changesState()) {
            record(ctx, route, p, "denied", error.code() + ": " + error.getMessage());
        }
        throw error;
    }

    private void record(Context ctx, ApiRoute route, Principal p, String outcome, String detail) {
        String target = ctx.pathParamMap().values().stream().collect(Collectors.joining("/"));
        audit.append(new AuditRecord(p.actor(), route.action() == null ? route.method() + " " + route.path()
                : route.action(), target.isEmpty() ? null : target, outcome, ctx.ip(), detail), clock.instant());
    }

    private static String describe(ApiRoute route) {
        return route.action() != null ? route.action() : "call " + route.method() + " " + route.path();
    }
}

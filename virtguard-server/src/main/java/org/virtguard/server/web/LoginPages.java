package org.virtguard.server.web;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.Authenticator;
import org.virtguard.server.security.LoginResult;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.Principal;
import org.virtguard.store.security.AuditLog;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;

/**
 * Login and logout. Session cookies are HttpOnly, SameSite=Strict, and Secure with a {@code __Host-} name on TLS.
 * Wrong passwords and unknown users get the same 401 page; delayed attempts 429 and a full password-check capacity
 * 503, both with {@code Retry-After}; those refusals are audited in aggregate ({@link
 * org.virtguard.server.security.RefusedLoginAudit}). A user with a temporary password is sent to the password page.
 */
public final class LoginPages {

    private static final int DEVICE_COOKIE_SECONDS = 180 * 24 * 3600;

    private final Authenticator authenticator;
    private final AuditLog audit;
    private final org.virtguard.server.security.RefusedLoginAudit refusedLogins =
            org.virtguard.server.security.RefusedLoginAudit.defaults();
    private final org.virtguard.server.security.RefusedLoginAudit crossSiteLogins =
            org.virtguard.server.security.RefusedLoginAudit.defaults();
    private final Clock clock;
    private final String cookieName;
    private final boolean tls;

    public LoginPages(Authenticator authenticator, AuditLog audit, Clock clock, String cookieName, boolean tls) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
        this.cookieName = cookieName;
        this.tls = tls;
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/login", Access.publicRoute(), "Console login form", ctx -> form(ctx, null, 200)),
                ApiRoute.post("/login", Access.publicRoute(), "session.login", "Console login (form)", this::login),
                ApiRoute.post("/logout", Access.page(Role.VIEWER), "session.logout", "Console logout (form)",
                        this::logout));
    }

    private void form(Context ctx, String error, int status) {
        String body = "<form class=\"login card\" method=\"post\" action=\"/login\">"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(error) + "</p>")
                + "<label>User name <input name=\"username\" autocomplete=\"username\" required maxlength=\"128\" autofocus></label>"
                + "<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required maxlength=\""
                + PasswordHasher.MAX_PASSWORD_LENGTH + "\"></label>"
                + "<button type=\"submit\">Log in</button></form>";
        ctx.status(status).html(Layout.page("Log in", null, null, body));
    }

    private void login(Context ctx) {
        if (!sameOrigin(ctx)) {
            String detail = crossSiteLogins.refused(ctx.ip(), clock.instant(), "cross_site");
            if (detail != null) {
                String name = ctx.formParam("username");
                String who = name == null ? "" : name.length() > 128 ? name.substring(0, 128) : name;
                audit.append(new AuditRecord(who, "session.login", null, "denied", ctx.ip(),
                        detail + " (Sec-Fetch-Site " + bounded(ctx.header("Sec-Fetch-Site")) + ", Origin "
                                + bounded(ctx.header("Origin")) + ")"), clock.instant());
            }
            form(ctx, "Login refused: the form was posted from another site.", 403);
            return;
        }
        String username = ctx.formParam("username");
        String password = ctx.formParam("password");
        char[] secret = password == null ? new char[0] : password.toCharArray();
        LoginResult result = authenticator.login(username, secret, ctx.ip(), ctx.cookie(deviceCookieName()));
        java.util.Arrays.fill(secret, '\0');
        String who = username == null ? "" : username.length() > 128 ? username.substring(0, 128) : username;
        String detail = switch (result.outcome()) {
            case SUCCESS -> result.passwordChangeRequired() ? "password change required" : null;
            case INVALID_CREDENTIALS -> "invalid_credentials";
            case RATE_LIMITED, THROTTLED, BUSY -> refusedLogins.refused(ctx.ip(), clock.instant(),
                    result.outcome().name().toLowerCase(java.util.Locale.ROOT));
        };
        boolean unchecked = result.retryAfter() != null;
        if (!unchecked || detail != null) {
            audit.append(new AuditRecord(who, "session.login", null, result.succeeded() ? "success" : "failure",
                    ctx.ip(), detail), clock.instant());
        }
        if (unchecked) {
            ctx.header("Retry-After", Long.toString(result.retryAfterSeconds()));
        }
        switch (result.outcome()) {
            case SUCCESS -> {
                // a browser-session cookie (no Max-Age): it ends with the browser; the server ends the session
                // after its idle and absolute timeouts in any case
                Cookie cookie = new Cookie(cookieName, result.sessionId(), "/", -1, tls, 0, true, null,
                        null, SameSite.STRICT);
                ctx.cookie(cookie);
                if (result.deviceCookie() != null) {
                    ctx.cookie(new Cookie(deviceCookieName(), result.deviceCookie(), "/", DEVICE_COOKIE_SECONDS, tls, 0,
                            true, null, null, SameSite.STRICT));
                }
                ctx.redirect(result.passwordChangeRequired() ? RouteGuard.PASSWORD_PAGE : "/", HttpStatus.SEE_OTHER);
            }
            case RATE_LIMITED -> form(ctx, "Too many login attempts from your address. Wait a minute.", 429);
            case THROTTLED -> form(ctx, "Too many failed logins. Try again in " + result.retryAfterSeconds()
                    + " seconds.", 429);
            case BUSY -> form(ctx, "The server is busy checking other logins. Try again in a moment.", 503);
            default -> form(ctx, "Invalid user name or password.", 401);
        }
    }

    private static String bounded(String header) {
        if (header == null) {
            return "absent";
        }
        String clean = header.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }

    /**
     * The device cookie: a random value the browser keeps for {@value #DEVICE_COOKIE_SECONDS} seconds; a login with
     * it from a browser that logged in to the account before is not held back by strangers' failed guesses.
     */
    public String deviceCookieName() {
        return tls ? "__Host-vg_device" : "vg_device";
    }

    private void logout(Context ctx) {
        Principal p = RouteGuard.principal(ctx);
        authenticator.logout(p);
        ctx.removeCookie(cookieName, "/");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /**
     * A login posted from another site is refused (login CSRF). Browsers send {@code Sec-Fetch-Site}; older
     * ones an {@code Origin} (which is {@code null} under this console's no-referrer policy, so it proves
     * nothing); clients that send neither are not browsers and cannot be tricked into posting.
     */
    static boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = ctx.header("Origin");
        if (origin == null || origin.equals("null")) {
            return true;
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

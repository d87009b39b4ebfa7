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

/** Login and logout. Session cookies are HttpOnly, SameSite=Strict, and Secure with a {@code __Host-} name on TLS. */
public final class LoginPages {

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
        LoginResult result = authenticator.login(username, secret, ctx.ip());
        java.util.Arrays.fill(secret, '\0');
        String who = username == null ? "" : username.length() > 128 ? username.substring(0, 128) : username;
        String detail = result.succeeded() ? null : result.outcome().name().toLowerCase();
        if (result.outcome() == LoginResult.Outcome.RATE_LIMITED) {
            detail = refusedLogins.refused(ctx.ip(), clock.instant());
        }
        if (result.outcome() != LoginResult.Outcome.RATE_LIMITED || detail != null) {
            audit.append(new AuditRecord(who, "session.login", null, result.succeeded() ? "success" : "failure",
                    ctx.ip(), detail), clock.instant());
        }
        switch (result.outcome()) {
            case SUCCESS -> {
                // a browser-session cookie (no Max-Age): it ends with the browser; the server ends the session
                // after its idle and absolute timeouts in any case
                Cookie cookie = new Cookie(cookieName, result.sessionId(), "/", -1, tls, 0, true, null,
                        null, SameSite.STRICT);
                ctx.cookie(cookie);
                ctx.redirect("/", HttpStatus.SEE_OTHER);
            }
            case RATE_LIMITED -> form(ctx, "Too many login attempts from your address. Wait a minute.", 429);
            case LOCKED -> form(ctx, "This account is locked after repeated failures. Try again later.", 423);
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

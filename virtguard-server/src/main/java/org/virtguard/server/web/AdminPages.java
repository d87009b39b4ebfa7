package org.virtguard.server.web;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.virtguard.server.ServerContext;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.AdminGrants;
import org.virtguard.server.api.Administration;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.PasswordChanges;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.security.AdminGrant;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;
import org.virtguard.store.security.UserAccount;

/** Users and API tokens in the console (admins only): the same rules as the API, through {@link Administration}. */
public final class AdminPages {

    private final ServerContext context;
    private final Administration admin;
    private final AdminGrants grants;
    private final PasswordChanges passwords;

    public AdminPages(ServerContext context) {
        this.context = context;
        this.admin = new Administration(context);
        this.grants = new AdminGrants(context);
        this.passwords = new PasswordChanges(context);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/admin", Access.page(Role.ADMIN), "Users and API tokens page", ctx -> render(ctx, null)),
                ApiRoute.post("/admin/users", Access.page(Role.ADMIN), "user.create", "Create a user (console form)",
                        this::createUser),
                ApiRoute.post("/admin/users/{username}/role", Access.page(Role.ADMIN), "user.role",
                        "Change a user's role (console form)", this::setRole),
                ApiRoute.post("/admin/users/{username}/disable", Access.page(Role.ADMIN), "user.disable",
                        "Disable a user (console form)", ctx -> setDisabled(ctx, true)),
                ApiRoute.post("/admin/users/{username}/enable", Access.page(Role.ADMIN), "user.enable",
                        "Enable a user (console form)", ctx -> setDisabled(ctx, false)),
                ApiRoute.post("/admin/grants/{id}/approve", Access.page(Role.ADMIN), "user.grant.approve",
                        "Approve a pending admin grant (console form)", ctx -> decideGrant(ctx, true)),
                ApiRoute.post("/admin/grants/{id}/reject", Access.page(Role.ADMIN), "user.grant.reject",
                        "Reject or withdraw a pending admin grant (console form)", ctx -> decideGrant(ctx, false)),
                ApiRoute.post("/admin/users/{username}/password", Access.page(Role.ADMIN), "user.password.reset",
                        "Reset a user's password to a temporary one shown once (console form)", this::resetPassword),
                ApiRoute.post("/admin/tokens", Access.page(Role.ADMIN), "token.create",
                        "Create an API token (console form; the token is shown once)", this::createToken),
                ApiRoute.post("/admin/tokens/{id}/revoke", Access.page(Role.ADMIN), "token.revoke",
                        "Revoke an API token (console form)", this::revokeToken));
    }

    private void render(Context ctx, Administration.NewToken created) {
        render(ctx, created, null);
    }

    private void render(Context ctx, Administration.NewToken created, PasswordChanges.Reset reset) {
        Principal user = RouteGuard.principal(ctx);
        StringBuilder b = new StringBuilder();
        if (reset != null) {
            b.append("<div class=\"notice\" id=\"temporary-password\"><strong>Temporary password for '")
                    .append(Html.esc(reset.account().username())).append("'</strong>: give it to the user over a "
                            + "safe channel; it is not shown again, and they must set their own at the next login."
                            + "<pre>").append(Html.esc(reset.temporaryPassword())).append("</pre></div>");
        }
        if (created != null) {
            b.append("<div class=\"notice\" id=\"new-token\"><strong>New token '").append(Html.esc(created.token().name()))
                    .append("'</strong>: copy it now, it is not shown again and VirtGuard keeps only its hash."
                            + "<pre>").append(Html.esc(created.secret())).append("</pre></div>");
        }
        b.append("<h2>Users</h2><table class=\"grid\" id=\"users\"><thead><tr><th>User</th><th>Role</th>"
                + "<th>State</th><th>Created</th><th>Password changed</th><th></th></tr></thead><tbody>");
        for (UserAccount u : context.security().users().list()) {
            String seg = Html.seg(u.username());
            b.append("<tr><td>").append(Html.esc(u.username())).append("</td><td>")
                    .append("<form class=\"inline\" method=\"post\" action=\"/admin/users/").append(seg)
                    .append("/role\">").append(Layout.csrfField(user)).append(roleSelect(u.role()))
                    .append("<button type=\"submit\">Set</button></form></td><td>")
                    .append(u.disabled() ? "disabled" : u.lockedAt(context.clock().instant()) ? "locked" : "active")
                    .append("</td><td>").append(Html.time(u.createdAt())).append("</td><td>")
                    .append(Html.time(u.passwordChangedAt())).append("</td><td>")
                    .append("<form class=\"inline\" method=\"post\" action=\"/admin/users/").append(seg)
                    .append(u.disabled() ? "/enable" : "/disable").append("\">").append(Layout.csrfField(user))
                    .append("<button type=\"submit\">").append(u.disabled() ? "Enable" : "Disable")
                    .append("</button></form>");
            if (!u.username().equals(user.username())) {
                b.append("<form class=\"inline\" method=\"post\" action=\"/admin/users/").append(seg)
                        .append("/password\">").append(Layout.csrfField(user))
                        .append("<button type=\"submit\">Reset password</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table><form class=\"search\" method=\"post\" action=\"/admin/users\" id=\"create-user\">")
                .append(Layout.csrfField(user))
                .append("<input name=\"username\" required maxlength=\"128\" placeholder=\"user name\" "
                        + "aria-label=\"User name\">").append(roleSelect(Role.VIEWER))
                .append("<input name=\"password\" type=\"password\" required minlength=\"")
                .append(Administration.MIN_PASSWORD).append("\" maxlength=\"1024\" placeholder=\"password (")
                .append(Administration.MIN_PASSWORD).append("+ characters, not common)\" aria-label=\"Password\" "
                        + "autocomplete=\"new-password\">")
                .append("<label><input type=\"checkbox\" name=\"breakGlass\" value=\"true\"> break glass "
                        + "(only when no other admin can approve; audited and alerted)</label>")
                .append("<button type=\"submit\">Create user</button></form>");
        grantsTable(b, user);

        b.append("<h2>API tokens</h2><table class=\"grid\" id=\"tokens\"><thead><tr><th>Id</th><th>Name</th>"
                + "<th>Owner</th><th>Role</th><th>Scopes</th><th>Expires</th><th>Last used</th><th></th></tr>"
                + "</thead><tbody>");
        for (StoredToken t : context.security().tokens().list()) {
            b.append("<tr><td><code>").append(Html.esc(t.id())).append("</code></td><td>").append(Html.esc(t.name()))
                    .append("</td><td>").append(Html.esc(t.username())).append("</td><td>")
                    .append(t.role().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(Html.esc(String.join(", ", new TreeSet<>(t.scopes())))).append("</td><td>")
                    .append(Html.time(t.expiresAt())).append("</td><td>")
                    .append(t.lastUsedAt() == null ? "never" : Html.time(t.lastUsedAt())).append("</td><td>");
            if (t.revokedAt() != null) {
                b.append("revoked ").append(Html.time(t.revokedAt()));
            } else {
                b.append("<form class=\"inline\" method=\"post\" action=\"/admin/tokens/").append(Html.seg(t.id()))
                        .append("/revoke\">").append(Layout.csrfField(user))
                        .append("<button type=\"submit\">Revoke</button></form>");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table><form class=\"search\" method=\"post\" action=\"/admin/tokens\" id=\"create-token\">")
                .append(Layout.csrfField(user))
                .append("<input name=\"name\" required maxlength=\"200\" placeholder=\"token name, e.g. siem-reader\" "
                        + "aria-label=\"Token name\">").append(roleSelect(Role.VIEWER));
        for (String scope : new TreeSet<>(TokenScope.ALL)) {
            b.append("<label><input type=\"checkbox\" name=\"scopes\" value=\"").append(scope).append('"')
                    .append(TokenScope.READ.equals(scope) ? " checked" : "").append("> ").append(scope)
                    .append("</label>");
        }
        b.append("<input name=\"expiresInDays\" type=\"number\" min=\"1\" max=\"").append(Administration.MAX_TOKEN_DAYS)
                .append("\" value=\"90\" aria-label=\"Expires in days\">")
                .append("<button type=\"submit\">Create token</button></form>");
        ctx.html(Layout.page("Users and API tokens", "/admin", user, b.toString()));
    }

    private void grantsTable(StringBuilder b, Principal user) {
        b.append("<h2>Admin grants</h2><p class=\"muted\">Creating or promoting an admin waits for a second admin "
                + "who existed before the request and was not created or last changed by the requester.</p>"
                + "<table class=\"grid\" id=\"admin-grants\"><thead><tr><th>#</th><th>Grant</th><th>Requested by</th>"
                + "<th>Status</th><th>Expires</th><th></th></tr></thead><tbody>");
        for (AdminGrant g : grants.list(false, 50)) {
            b.append("<tr data-grant-id=\"").append(g.id()).append("\"><td>").append(g.id()).append("</td><td>")
                    .append(g.kind().id()).append(" admin ").append(Html.esc(g.username())).append("</td><td>")
                    .append(Html.esc(g.requestedBy())).append(' ').append(Html.time(g.requestedAt()))
                    .append("</td><td>").append(g.status().id())
                    .append(g.decidedBy() == null ? "" : " by " + Html.esc(g.decidedBy())).append("</td><td>")
                    .append(Html.time(g.expiresAt())).append("</td><td>");
            if (g.status() == AdminGrant.Status.PENDING) {
                boolean requester = user.username().equalsIgnoreCase(g.requestedBy());
                if (!requester) {
                    grantForm(b, g, user, "approve", "Approve");
                }
                grantForm(b, g, user, "reject", requester ? "Withdraw" : "Reject");
            }
            b.append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static void grantForm(StringBuilder b, AdminGrant g, Principal user, String verb, String label) {
        b.append("<form class=\"inline\" method=\"post\" action=\"/admin/grants/").append(g.id()).append('/')
                .append(verb).append("\">").append(Layout.csrfField(user))
                .append("<button type=\"submit\">").append(label).append("</button></form>");
    }

    private void decideGrant(Context ctx, boolean approve) {
        long id = AdminGrants.idFrom(ctx);
        Principal caller = RouteGuard.principal(ctx);
        AdminGrant g = approve ? grants.approve(id, caller, null) : grants.reject(id, caller, null);
        RouteGuard.auditDetail(ctx, g.kind().id() + " admin " + g.username() + " requested by " + g.requestedBy());
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private static String roleSelect(Role selected) {
        StringBuilder b = new StringBuilder("<select name=\"role\" aria-label=\"Role\">");
        for (Role r : Role.values()) {
            String name = r.name().toLowerCase(Locale.ROOT);
            b.append("<option value=\"").append(name).append('"').append(r == selected ? " selected" : "").append('>')
                    .append(name).append("</option>");
        }
        return b.append("</select>").toString();
    }

    private void createUser(Context ctx) {
        Principal caller = RouteGuard.principal(ctx);
        String username = ctx.formParam("username");
        if (Administration.isAdmin(ctx.formParam("role"))) {
            String hash = admin.newAdminPasswordHash(username, ctx.formParam("password"));
            AdminGrants.Outcome o = grants.requestCreate(caller, username, hash,
                    "true".equals(ctx.formParam("breakGlass")), ctx.ip());
            RouteGuard.auditDetail(ctx, (o.applied().isPresent() ? "BREAK-GLASS " : "") + "admin grant #"
                    + o.grant().id() + " for " + o.grant().username());
            ctx.redirect("/admin", HttpStatus.SEE_OTHER);
            return;
        }
        UserAccount u = admin.createUser(caller, username, ctx.formParam("role"), ctx.formParam("password"));
        RouteGuard.auditDetail(ctx, "user " + u.username() + " role " + u.role().name().toLowerCase(Locale.ROOT));
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private void setRole(Context ctx) {
        Principal caller = RouteGuard.principal(ctx);
        if (Administration.isAdmin(ctx.formParam("role"))) {
            AdminGrants.Outcome o = grants.requestPromotion(caller, ctx.pathParam("username"),
                    "true".equals(ctx.formParam("breakGlass")), ctx.ip());
            RouteGuard.auditDetail(ctx, (o.applied().isPresent() ? "BREAK-GLASS " : "") + "admin grant #"
                    + o.grant().id() + " for " + o.grant().username());
            ctx.redirect("/admin", HttpStatus.SEE_OTHER);
            return;
        }
        UserAccount u = admin.setRole(caller, ctx.pathParam("username"), ctx.formParam("role"));
        RouteGuard.auditDetail(ctx, "user " + u.username() + " role " + u.role().name().toLowerCase(Locale.ROOT));
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private void setDisabled(Context ctx, boolean disabled) {
        admin.setDisabled(RouteGuard.principal(ctx), ctx.pathParam("username"), disabled);
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private void resetPassword(Context ctx) {
        PasswordChanges.Reset reset = passwords.reset(RouteGuard.principal(ctx), ctx.pathParam("username"));
        RouteGuard.auditDetail(ctx, "temporary password set, to be changed at the next login; "
                + reset.sessionsEnded() + " sessions ended");
        ctx.header("Cache-Control", "no-store");
        render(ctx, null, reset);
    }

    private void createToken(Context ctx) {
        String daysText = ctx.formParam("expiresInDays");
        int days;
        try {
            days = daysText == null || daysText.isBlank() ? 90 : Integer.parseInt(daysText.strip());
        } catch (NumberFormatException e) {
            days = -1;
        }
        Administration.NewToken created = admin.createToken(RouteGuard.principal(ctx), ctx.formParam("name"),
                ctx.formParam("role"), ctx.formParams("scopes"), days);
        RouteGuard.auditDetail(ctx, "token " + created.token().id() + " '" + created.token().name() + "' role "
                + created.token().role().name().toLowerCase(Locale.ROOT) + " scopes "
                + new TreeSet<>(created.token().scopes()) + " expires " + created.token().expiresAt());
        ctx.header("Cache-Control", "no-store");
        render(ctx, created);
    }

    private void revokeToken(Context ctx) {
        StoredToken t = admin.revokeToken(ctx.pathParam("id"));
        RouteGuard.auditDetail(ctx, "token " + t.id());
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }
}

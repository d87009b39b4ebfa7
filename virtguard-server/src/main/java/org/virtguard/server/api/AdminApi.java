package org.virtguard.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.server.security.Principal;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;
import org.virtguard.store.security.UserAccount;

/** Users and API tokens; admin only. Password hashes and tokens never leave the server. */
public final class AdminApi {

    private final ServerContext context;
    private final Administration admin;
    private final AdminGrants grants;

    public AdminApi(ServerContext context) {
        this.context = context;
        this.admin = new Administration(context);
        this.grants = new AdminGrants(context);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/me", Access.read(Role.VIEWER), "The caller: user name, role, token scopes",
                        this::me),
                ApiRoute.get("/api/v1/users", Access.admin(), "Local users (never their password hashes)",
                        ctx -> ctx.json(Paging.from(ctx).page(context.security().users().list().stream()
                                .map(AdminApi::user).toList()))),
                ApiRoute.post("/api/v1/users", Access.admin(), "user.create",
                        "Create a user; body {username, role, password (>= 12 characters), breakGlass?}; an admin "
                                + "account is an admin grant (202) that a second admin approves", this::createUser),
                ApiRoute.post("/api/v1/users/{username}/role", Access.admin(), "user.role",
                        "Change a user's role; body {role, breakGlass?}; ends the user's sessions; to admin it is an "
                                + "admin grant (202) that a second admin approves", this::setRole),
                ApiRoute.get("/api/v1/admin-grants", Access.admin(),
                        "Admin grants (creating or promoting an admin), newest first; pending=true for waiting ones",
                        this::listGrants),
                ApiRoute.post("/api/v1/admin-grants/{id}/approve", Access.admin(), "user.grant.approve",
                        "Approve a pending admin grant (a second admin, two-person rule); body {note?}",
                        ctx -> decideGrant(ctx, true)),
                ApiRoute.post("/api/v1/admin-grants/{id}/reject", Access.admin(), "user.grant.reject",
                        "Reject (or, as its requester, withdraw) a pending admin grant; body {note?}",
                        ctx -> decideGrant(ctx, false)),
                ApiRoute.post("/api/v1/users/{username}/disable", Access.admin(), "user.disable",
                        "Disable a user and end their sessions", ctx -> setDisabled(ctx, true)),
                ApiRoute.post("/api/v1/users/{username}/enable", Access.admin(), "user.enable",
                        "Enable a disabled user", ctx -> setDisabled(ctx, false)),
                ApiRoute.get("/api/v1/tokens", Access.admin(), "API tokens (never the tokens themselves)",
                        ctx -> ctx.json(Paging.from(ctx).page(context.security().tokens().list()))),
                ApiRoute.post("/api/v1/tokens", Access.admin(), "token.create",
                        "Create an API token for the caller; body {name, role, scopes[], expiresInDays}; "
                                + "the token is in this response only", this::createToken),
                ApiRoute.delete("/api/v1/tokens/{id}", Access.admin(), "token.revoke", "Revoke an API token",
                        this::revokeToken));
    }

    private void me(Context ctx) {
        Principal p = RouteGuard.principal(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", p.username());
        body.put("role", p.role().name().toLowerCase());
        body.put("tokenId", p.tokenId());
        body.put("scopes", new TreeSet<>(p.scopes()));
        ctx.json(body);
    }

    static Map<String, Object> user(UserAccount u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("role", u.role().name().toLowerCase());
        m.put("disabled", u.disabled());
        m.put("createdAt", u.createdAt());
        m.put("passwordChangedAt", u.passwordChangedAt());
        m.put("lockedUntil", u.lockedUntil());
        return m;
    }

    private void createUser(Context ctx) {
        Map<?, ?> body = JsonBodies.object(ctx, "username", "role", "password", "breakGlass");
        String username = JsonBodies.text(body, "username", 128, true);
        String role = JsonBodies.text(body, "role", 16, true);
        Object password = body.get("password");
        if (password != null && !(password instanceof String)) {
            throw ApiError.invalid("field 'password' must be a string");
        }
        boolean breakGlass = JsonBodies.bool(body, "breakGlass", false);
        Principal caller = RouteGuard.principal(ctx);
        if (Administration.isAdmin(role)) {
            String hash = admin.newAdminPasswordHash(username, (String) password);
            grantAnswer(ctx, grants.requestCreate(caller, username, hash, breakGlass, ctx.ip()));
            return;
        }
        UserAccount created = admin.createUser(caller, username, role, (String) password);
        RouteGuard.auditDetail(ctx, "role " + created.role().name().toLowerCase());
        ctx.status(201).json(user(created));
    }

    private void setRole(Context ctx) {
        Map<?, ?> body = JsonBodies.object(ctx, "role", "breakGlass");
        String role = JsonBodies.text(body, "role", 16, true);
        boolean breakGlass = JsonBodies.bool(body, "breakGlass", false);
        Principal caller = RouteGuard.principal(ctx);
        if (Administration.isAdmin(role)) {
            grantAnswer(ctx, grants.requestPromotion(caller, ctx.pathParam("username"), breakGlass, ctx.ip()));
            return;
        }
        UserAccount changed = admin.setRole(caller, ctx.pathParam("username"), role);
        RouteGuard.auditDetail(ctx, "role " + changed.role().name().toLowerCase());
        ctx.json(user(changed));
    }

    private void grantAnswer(Context ctx, AdminGrants.Outcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("grant", AdminGrants.view(outcome.grant()));
        outcome.applied().ifPresent(u -> out.put("user", user(u)));
        if (outcome.applied().isPresent()) {
            RouteGuard.auditDetail(ctx, "BREAK-GLASS admin grant #" + outcome.grant().id() + " for "
                    + outcome.grant().username() + " applied without a second admin");
            ctx.status(201).json(out);
        } else {
            RouteGuard.auditDetail(ctx, "admin grant #" + outcome.grant().id() + " for " + outcome.grant().username()
                    + " waits for a second admin");
            ctx.status(202).json(out);
        }
    }

    private void listGrants(Context ctx) {
        boolean pendingOnly = "true".equalsIgnoreCase(ctx.queryParam("pending"));
        ctx.json(Map.of("items", grants.list(pendingOnly, Paging.from(ctx).limit()).stream()
                .map(AdminGrants::view).toList()));
    }

    private void decideGrant(Context ctx, boolean approve) {
        String note = JsonBodies.text(JsonBodies.object(ctx, "note"), "note", 2000, false);
        long id = AdminGrants.idFrom(ctx);
        Principal caller = RouteGuard.principal(ctx);
        org.virtguard.store.security.AdminGrant decided = approve ? grants.approve(id, caller, note)
                : grants.reject(id, caller, note);
        RouteGuard.auditDetail(ctx, decided.kind().id() + " admin " + decided.username() + " requested by "
                + decided.requestedBy() + (note == null ? "" : ": " + note));
        ctx.json(AdminGrants.view(decided));
    }

    private void setDisabled(Context ctx, boolean disabled) {
        ctx.json(user(admin.setDisabled(RouteGuard.principal(ctx), ctx.pathParam("username"), disabled)));
    }

    private void createToken(Context ctx) {
        Map<?, ?> body = JsonBodies.object(ctx, "name", "role", "scopes", "expiresInDays");
        int days = JsonBodies.integer(body, "expiresInDays", 1, Administration.MAX_TOKEN_DAYS, 90);
        List<String> scopes = JsonBodies.strings(body, "scopes", 16, 64);
        Administration.NewToken created = admin.createToken(RouteGuard.principal(ctx),
                JsonBodies.text(body, "name", 200, true), JsonBodies.text(body, "role", 16, true), scopes, days);
        StoredToken token = created.token();
        RouteGuard.auditDetail(ctx, "token " + token.id() + " '" + token.name() + "' role "
                + token.role().name().toLowerCase() + " scopes " + new TreeSet<>(token.scopes()) + " expires "
                + token.expiresAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", created.secret());
        out.put("details", token);
        ctx.status(201).json(out);
    }

    private void revokeToken(Context ctx) {
        ctx.json(admin.revokeToken(ctx.pathParam("id")));
    }
}

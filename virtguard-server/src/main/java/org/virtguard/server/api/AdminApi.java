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

    public AdminApi(ServerContext context) {
        this.context = context;
        this.admin = new Administration(context);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/me", Access.read(Role.VIEWER), "The caller: user name, role, token scopes",
                        this::me),
                ApiRoute.get("/api/v1/users", Access.admin(), "Local users (never their password hashes)",
                        ctx -> ctx.json(Paging.from(ctx).page(context.security().users().list().stream()
                                .map(AdminApi::user).toList()))),
                ApiRoute.post("/api/v1/users", Access.admin(), "user.create",
                        "Create a user; body {username, role, password (>= 12 characters)}", this::createUser),
                ApiRoute.post("/api/v1/users/{username}/role", Access.admin(), "user.role",
                        "Change a user's role; body {role}; ends the user's sessions", this::setRole),
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
        Map<?, ?> body = JsonBodies.object(ctx);
        Object password = body.get("password");
        UserAccount created = admin.createUser(JsonBodies.text(body, "username", 128, true),
                JsonBodies.text(body, "role", 16, true), password instanceof String pw ? pw : null);
        RouteGuard.auditDetail(ctx, "role " + created.role().name().toLowerCase());
        ctx.status(201).json(user(created));
    }

    private void setRole(Context ctx) {
        UserAccount changed = admin.setRole(ctx.pathParam("username"),
                JsonBodies.text(JsonBodies.object(ctx), "role", 16, true));
        RouteGuard.auditDetail(ctx, "role " + changed.role().name().toLowerCase());
        ctx.json(user(changed));
    }

    private void setDisabled(Context ctx, boolean disabled) {
        ctx.json(user(admin.setDisabled(RouteGuard.principal(ctx), ctx.pathParam("username"), disabled)));
    }

    private void createToken(Context ctx) {
        Map<?, ?> body = JsonBodies.object(ctx);
        Object daysValue = body.get("expiresInDays");
        Object scopes = body.get("scopes");
        Administration.NewToken created = admin.createToken(RouteGuard.principal(ctx),
                JsonBodies.text(body, "name", 200, true), JsonBodies.text(body, "role", 16, true),
                scopes instanceof List<?> list ? list : null, daysValue instanceof Number n ? n.intValue() : 90);
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

package org.virtguard.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;
import org.virtguard.store.security.UserAccount;

/** Users and API tokens; admin only. Password hashes and tokens never leave the server. */
public final class AdminApi {

    private static final int MIN_PASSWORD = 12;
    private static final int MAX_TOKEN_DAYS = 366;
    private static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{1,128}";

    private final ServerContext context;

    public AdminApi(ServerContext context) {
        this.context = context;
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
        String username = JsonBodies.text(body, "username", 128, true);
        if (!username.matches(USERNAME_PATTERN)) {
            throw ApiError.invalid("field 'username' may only hold letters, digits and . _ @ -");
        }
        Role role = role(JsonBodies.text(body, "role", 16, true));
        Object password = body.get("password");
        if (!(password instanceof String pw) || pw.length() < MIN_PASSWORD || pw.length() > 1024) {
            throw ApiError.invalid("field 'password' must hold " + MIN_PASSWORD + " to 1024 characters");
        }
        Instant now = context.clock().instant();
        if (!context.security().users().create(username, role, context.hasher().hash(pw.toCharArray()), now)) {
            throw new ApiError(409, org.virtguard.model.ErrorCode.INVALID_INPUT.name(),
                    "user '" + username + "' exists");
        }
        RouteGuard.auditDetail(ctx, "role " + role.name().toLowerCase());
        ctx.status(201).json(user(context.security().users().find(username).orElseThrow()));
    }

    private void setRole(Context ctx) {
        String username = ctx.pathParam("username");
        Role role = role(JsonBodies.text(JsonBodies.object(ctx), "role", 16, true));
        if (!context.security().users().setRole(username, role)) {
            throw ApiError.notFound("no user '" + username + "'");
        }
        context.security().sessions().deleteForUser(username);
        RouteGuard.auditDetail(ctx, "role " + role.name().toLowerCase());
        ctx.json(user(context.security().users().find(username).orElseThrow()));
    }

    private void setDisabled(Context ctx, boolean disabled) {
        String username = ctx.pathParam("username");
        if (disabled && RouteGuard.principal(ctx).username().equals(username)) {
            throw ApiError.invalid("you cannot disable yourself");
        }
        if (!context.security().users().setDisabled(username, disabled)) {
            throw ApiError.notFound("no user '" + username + "'");
        }
        if (disabled) {
            context.security().sessions().deleteForUser(username);
        }
        ctx.json(user(context.security().users().find(username).orElseThrow()));
    }

    private void createToken(Context ctx) {
        Principal p = RouteGuard.principal(ctx);
        Map<?, ?> body = JsonBodies.object(ctx);
        String name = JsonBodies.text(body, "name", 200, true);
        Role role = role(JsonBodies.text(body, "role", 16, true));
        if (!p.role().includes(role)) {
            throw ApiError.forbidden("a token cannot have more rights than its creator");
        }
        Set<String> scopes = scopes(body.get("scopes"));
        Object daysValue = body.get("expiresInDays");
        int days = daysValue instanceof Number n ? n.intValue() : 90;
        if (days < 1 || days > MAX_TOKEN_DAYS) {
            throw ApiError.invalid("field 'expiresInDays' must be between 1 and " + MAX_TOKEN_DAYS);
        }
        Instant now = context.clock().instant();
        String id = "vgt_" + Secrets.random(9);
        String secret = id + "." + Secrets.random(32);
        StoredToken token = new StoredToken(id, name, p.username(), role, scopes, now, now.plus(Duration.ofDays(days)),
                null, null);
        context.security().tokens().create(token, Secrets.digest(secret));
        RouteGuard.auditDetail(ctx, "token " + id + " '" + name + "' role " + role.name().toLowerCase() + " scopes "
                + new TreeSet<>(scopes) + " expires " + token.expiresAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", secret);
        out.put("details", context.security().tokens().find(id).orElseThrow());
        ctx.status(201).json(out);
    }

    private void revokeToken(Context ctx) {
        String id = ctx.pathParam("id");
        if (!context.security().tokens().revoke(id, context.clock().instant())) {
            throw ApiError.notFound("no token '" + id + "'");
        }
        ctx.json(context.security().tokens().find(id).orElseThrow());
    }

    private static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("field 'role': " + e.getMessage());
        }
    }

    private static Set<String> scopes(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw ApiError.invalid("field 'scopes' must list at least one of " + new TreeSet<>(TokenScope.ALL));
        }
        Set<String> scopes = new TreeSet<>();
        for (Object s : list) {
            if (!TokenScope.ALL.contains(String.valueOf(s))) {
                throw ApiError.invalid("unknown scope '" + s + "' (known: " + new TreeSet<>(TokenScope.ALL) + ")");
            }
            scopes.add(String.valueOf(s));
        }
        return scopes;
    }
}

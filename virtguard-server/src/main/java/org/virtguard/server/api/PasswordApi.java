package org.virtguard.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.store.security.Role;

/** Changing one's own password and an admin's reset of another user's; the rules are in {@link PasswordChanges}. */
public final class PasswordApi {

    private final PasswordChanges passwords;

    public PasswordApi(ServerContext context) {
        this.passwords = new PasswordChanges(context);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(RouteGuard.PASSWORD_API, Access.write(Role.VIEWER), "user.password.change",
                        "Change your own password; body {currentPassword, newPassword}; ends your other sessions",
                        this::change),
                ApiRoute.post("/api/v1/users/{username}/password", Access.admin(), "user.password.reset",
                        "Reset a user's password to a generated temporary one (in this response only) that must be "
                                + "changed at the next login; ends the user's sessions", this::reset));
    }

    private void change(Context ctx) {
        Map<?, ?> body = JsonBodies.object(ctx, "currentPassword", "newPassword");
        PasswordChanges.Changed changed = passwords.changeOwn(RouteGuard.principal(ctx), raw(body, "currentPassword"),
                raw(body, "newPassword"));
        RouteGuard.auditDetail(ctx, "password changed; " + changed.otherSessionsEnded() + " other sessions ended");
        ctx.json(Map.of("username", changed.username(), "otherSessionsEnded", changed.otherSessionsEnded()));
    }

    private void reset(Context ctx) {
        PasswordChanges.Reset reset = passwords.reset(RouteGuard.principal(ctx), ctx.pathParam("username"));
        RouteGuard.auditDetail(ctx, "temporary password set, to be changed at the next login; "
                + reset.sessionsEnded() + " sessions ended");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", reset.account().username());
        out.put("temporaryPassword", reset.temporaryPassword());
        out.put("mustChangePassword", true);
        out.put("sessionsEnded", reset.sessionsEnded());
        ctx.header("Cache-Control", "no-store");
        ctx.json(out);
    }

    /** A password field as sent: not stripped (spaces count), {@code null} when absent or not a string. */
    static String raw(Map<?, ?> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiError.invalid("field '" + field + "' must be a string");
        }
        return (String) value;
    }
}

package org.virtguard.server.web;

import java.util.List;

import io.javalin.http.Context;
import org.virtguard.server.ServerContext;
import org.virtguard.server.api.Access;
import org.virtguard.server.api.ApiError;
import org.virtguard.server.api.ApiRoute;
import org.virtguard.server.api.PasswordChanges;
import org.virtguard.server.api.RouteGuard;
import org.virtguard.server.security.PasswordPolicy;
import org.virtguard.server.security.Principal;
import org.virtguard.store.security.Role;

/** The caller's own account in the console: changing the password (the only page a temporary password reaches). */
public final class AccountPages {

    private final PasswordChanges passwords;

    public AccountPages(ServerContext context) {
        this.passwords = new PasswordChanges(context);
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(RouteGuard.PASSWORD_PAGE, Access.page(Role.VIEWER), "Change your password (form)",
                        ctx -> form(ctx, null, null, 200)),
                ApiRoute.post(RouteGuard.PASSWORD_PAGE, Access.page(Role.VIEWER), "user.password.change",
                        "Change your password (console form); ends your other sessions", this::change));
    }

    private void change(Context ctx) {
        Principal user = RouteGuard.principal(ctx);
        String next = ctx.formParam("newPassword");
        if (next != null && !next.equals(ctx.formParam("confirmPassword"))) {
            RouteGuard.auditDetail(ctx, "the new password and its confirmation differ");
            form(ctx, "The new password and its confirmation differ.", null, 400);
            return;
        }
        try {
            PasswordChanges.Changed changed = passwords.changeOwn(user, ctx.formParam("currentPassword"), next);
            RouteGuard.auditDetail(ctx, "password changed; " + changed.otherSessionsEnded() + " other sessions ended");
            form(ctx, null, "Your password was changed." + (changed.otherSessionsEnded() > 0 ? " Your "
                    + changed.otherSessionsEnded() + " other sessions were ended." : ""), 200);
        } catch (ApiError e) {
            RouteGuard.auditDetail(ctx, e.code() + ": " + e.getMessage());
            form(ctx, e.getMessage(), null, e.status());
        }
    }

    private static void form(Context ctx, String error, String notice, int status) {
        Principal user = RouteGuard.principal(ctx);
        boolean temporary = user.passwordChangeRequired() && notice == null;
        StringBuilder b = new StringBuilder();
        if (temporary) {
            b.append("<div class=\"notice\" id=\"password-temporary\">Your password is temporary. Set a new one to "
                    + "continue.</div>");
        }
        if (notice != null) {
            b.append("<div class=\"notice\" id=\"password-changed\">").append(Html.esc(notice))
                    .append(" <a href=\"/\">Dashboard</a></div>");
        }
        b.append("<form class=\"login card\" method=\"post\" action=\"").append(RouteGuard.PASSWORD_PAGE)
                .append("\" id=\"change-password\">").append(Layout.csrfField(user));
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
        }
        int max = PasswordPolicy.MAX_LENGTH;
        b.append("<label>Current password <input name=\"currentPassword\" type=\"password\" required maxlength=\"")
                .append(max).append("\" autocomplete=\"current-password\"></label>")
                .append("<label>New password <input name=\"newPassword\" type=\"password\" required minlength=\"")
                .append(PasswordPolicy.MIN_LENGTH).append("\" maxlength=\"").append(max)
                .append("\" autocomplete=\"new-password\"></label>")
                .append("<label>New password again <input name=\"confirmPassword\" type=\"password\" required "
                        + "maxlength=\"").append(max).append("\" autocomplete=\"new-password\"></label>")
                .append("<p class=\"hint\">At least ").append(PasswordPolicy.MIN_LENGTH)
                .append(" characters; spaces are allowed, so several unrelated words make a good password. Not "
                        + "accepted: common passwords and keyboard walks, product names, your user name, one character "
                        + "or one sequence repeated.</p>")
                .append("<button type=\"submit\">Change password</button></form>");
        ctx.status(status).html(Layout.page("Change password", RouteGuard.PASSWORD_PAGE, user, b.toString()));
    }
}

package org.virtguard.server.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.virtguard.model.ErrorCode;
import org.virtguard.server.ServerContext;
import org.virtguard.server.security.LoginResult;
import org.virtguard.server.security.PasswordPolicy;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.Secrets;
import org.virtguard.store.security.UserAccount;

/**
 * Password changes with their rules, shared by the API and the console: a user changes their own password (with the
 * current one, in a console session, to one the {@link PasswordPolicy} accepts and that differs from the current
 * one; their other sessions end; wrong current passwords are delayed like failed logins); an admin resets another user's password to a generated temporary one that must be
 * changed at the next login (the user's sessions and known login places are dropped). Refusals are
 * {@link ApiError}s whose messages name the rule and never contain a password.
 */
public final class PasswordChanges {

    /** Length of a generated temporary password (about 117 bits). */
    public static final int TEMPORARY_LENGTH = 20;

    private final ServerContext context;
    private final PasswordPolicy policy = PasswordPolicy.standard();

    public PasswordChanges(ServerContext context) {
        this.context = context;
    }

    /** A password change: how many other sessions of the user were ended. */
    public record Changed(String username, int otherSessionsEnded) {
    }

    /**
     * Changes the caller's own password, given the current one; ends the caller's other sessions (all of them when
     * called with an API token).
     */
    public Changed changeOwn(Principal caller, String current, String next) {
        if (current == null || current.isEmpty()) {
            throw ApiError.invalid("field 'currentPassword' is required");
        }
        if (next == null) {
            throw ApiError.invalid("field 'newPassword' is required");
        }
        char[] currentChars = current.toCharArray();
        LoginResult check;
        try {
            check = context.authenticator().verifyPassword(caller.username(), currentChars);
        } finally {
            Arrays.fill(currentChars, '\0');
        }
        switch (check.outcome()) {
            case SUCCESS -> {
            }
            case THROTTLED -> throw new ApiError(429, ApiError.RATE_LIMITED, "too many wrong current passwords; "
                    + "try again in " + check.retryAfterSeconds() + " seconds");
            case BUSY -> throw new ApiError(503, ApiError.RATE_LIMITED,
                    "the server is busy checking other passwords; try again in a moment");
            default -> throw new ApiError(403, ErrorCode.AUTHENTICATION_FAILED.name(),
                    "field 'currentPassword': this is not your current password");
        }
        if (next.equals(current)) {
            throw weak("reuse", "the new password must differ from the current one");
        }
        checkPolicy(caller.username(), next);
        Instant now = context.clock().instant();
        if (!context.security().users().setPassword(caller.username(), hash(next), now, false, null)) {
            throw ApiError.notFound("no user '" + caller.username() + "'");
        }
        int ended = context.security().sessions().deleteOthersOfUser(caller.username(), caller.sessionHash());
        return new Changed(caller.username(), ended);
    }

    /** An admin's reset: the temporary password (shown once) and the account. */
    public record Reset(String temporaryPassword, UserAccount account, int sessionsEnded) {
        @Override
        public String toString() {
            return "Reset[" + account.username() + ", sessions ended " + sessionsEnded + "]";
        }
    }

    /** Sets a generated temporary password for {@code username}, which must be changed at the next login. */
    public Reset reset(Principal admin, String username) {
        if (admin.username().equals(username)) {
            throw ApiError.invalid("use the password change for your own account, not a reset");
        }
        Optional<UserAccount> target = username == null ? Optional.empty() : context.security().users().find(username);
        if (target.isEmpty()) {
            throw ApiError.notFound("no user '" + username + "'");
        }
        char[] temporary = Secrets.password(TEMPORARY_LENGTH);
        String text = new String(temporary);
        Arrays.fill(temporary, '\0');
        context.security().users().setPassword(username, hash(text), context.clock().instant(), true,
                admin.username());
        // the two-person rule: the admin who set this password could act as the account until another admin's
        // change, whatever the user does to the password afterwards
        context.security().users().recordChange(username, admin.username(), context.clock().instant());
        int ended = context.security().sessions().deleteForUser(username);
        context.authenticator().forgetKnownPlaces(username);
        return new Reset(text, context.security().users().find(username).orElseThrow(), ended);
    }

    /** Refuses a password the policy does not accept, naming the rule. */
    public void checkPolicy(String username, String password) {
        policy.check(username, password).ifPresent(v -> {
            throw weak(v.rule(), v.message());
        });
    }

    private static ApiError weak(String rule, String message) {
        return new ApiError(400, ApiError.WEAK_PASSWORD, "password refused (rule '" + rule + "'): " + message);
    }

    private String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return context.hasher().hash(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}

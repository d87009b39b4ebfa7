package org.virtguard.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.virtguard.server.ServerContext;
import org.virtguard.server.security.Principal;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;
import org.virtguard.store.security.UserAccount;

/**
 * User and token administration with its rules, shared by the API and the console: valid names, the password
 * policy, no token with more rights than its creator, no disabling oneself, sessions ended when a
 * role changes or a user is disabled. Refusals are {@link ApiError}s.
 */
public final class Administration {

    /** Shortest password accepted (the {@link org.virtguard.server.security.PasswordPolicy}'s). */
    public static final int MIN_PASSWORD = org.virtguard.server.security.PasswordPolicy.MIN_LENGTH;
    /** Longest token lifetime, in days. */
    public static final int MAX_TOKEN_DAYS = 366;
    private static final String USERNAME_PATTERN = "[A-Za-z0-9._@-]{1,128}";

    private final ServerContext context;

    public Administration(ServerContext context) {
        this.context = context;
    }

    /** A new token: the secret (shown once, never stored) and what is stored. */
    public record NewToken(String secret, StoredToken token) {
    }

    /**
     * Creates a viewer or operator account, recorded as created by {@code caller}. An admin account is an
     * {@link AdminGrants} request instead (two-person rule): see {@link #newAdminPasswordHash}.
     */
    public UserAccount createUser(Principal caller, String username, String roleName, String password) {
        checkUsername(username);
        Role role = role(roleName);
        if (role == Role.ADMIN) {
            throw ApiError.forbidden("an admin account needs a second admin's approval: request an admin grant");
        }
        if (password == null) {
            throw ApiError.invalid("field 'password' is required");
        }
        new PasswordChanges(context).checkPolicy(username, password);
        Instant now = context.clock().instant();
        if (!context.security().users().create(username, role, context.hasher().hash(password.toCharArray()), now,
                caller.username())) {
            throw new ApiError(409, org.virtguard.model.ErrorCode.INVALID_INPUT.name(),
                    "user '" + username + "' exists");
        }
        return context.security().users().find(username).orElseThrow();
    }

    /**
     * The password hash of a new admin account after checking its name and password; the account itself is created
     * when a second admin approves the grant.
     */
    public String newAdminPasswordHash(String username, String password) {
        checkUsername(username);
        if (password == null) {
            throw ApiError.invalid("field 'password' is required");
        }
        new PasswordChanges(context).checkPolicy(username, password);
        return context.hasher().hash(password.toCharArray());
    }

    /** Whether {@code roleName} names the admin role (changing to it is an {@link AdminGrants} request). */
    public static boolean isAdmin(String roleName) {
        return role(roleName) == Role.ADMIN;
    }

    /** Changes a user's role to viewer or operator, recorded as changed by {@code caller}; ends their sessions. */
    public UserAccount setRole(Principal caller, String username, String roleName) {
        Role role = role(roleName);
        if (role == Role.ADMIN) {
            throw ApiError.forbidden("promoting to admin needs a second admin's approval: request an admin grant");
        }
        if (!context.security().users().setRole(username, role, caller.username(), context.clock().instant())) {
            throw ApiError.notFound("no user '" + username + "'");
        }
        context.security().sessions().deleteForUser(username);
        return context.security().users().find(username).orElseThrow();
    }

    public UserAccount setDisabled(Principal caller, String username, boolean disabled) {
        if (disabled && caller.username().equals(username)) {
            throw ApiError.invalid("you cannot disable yourself");
        }
        if (!context.security().users().setDisabled(username, disabled, caller.username(),
                context.clock().instant())) {
            throw ApiError.notFound("no user '" + username + "'");
        }
        if (disabled) {
            context.security().sessions().deleteForUser(username);
        }
        return context.security().users().find(username).orElseThrow();
    }

    public NewToken createToken(Principal caller, String name, String roleName, Collection<?> scopeNames, int days) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiError.invalid("field 'name' must hold 1 to 200 characters");
        }
        Role role = role(roleName);
        if (!caller.role().includes(role)) {
            throw ApiError.forbidden("a token cannot have more rights than its creator");
        }
        Set<String> scopes = scopes(scopeNames);
        if (days < 1 || days > MAX_TOKEN_DAYS) {
            throw ApiError.invalid("field 'expiresInDays' must be between 1 and " + MAX_TOKEN_DAYS);
        }
        Instant now = context.clock().instant();
        String id = "vgt_" + Secrets.random(9);
        String secret = id + "." + Secrets.random(32);
        StoredToken token = new StoredToken(id, name.strip(), caller.username(), role, scopes, now,
                now.plus(Duration.ofDays(days)), null, null);
        context.security().tokens().create(token, Secrets.digest(secret));
        return new NewToken(secret, context.security().tokens().find(id).orElseThrow());
    }

    public StoredToken revokeToken(String id) {
        if (!context.security().tokens().revoke(id, context.clock().instant())) {
            throw ApiError.notFound("no token '" + id + "'");
        }
        return context.security().tokens().find(id).orElseThrow();
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches(USERNAME_PATTERN)) {
            throw ApiError.invalid("field 'username' may only hold letters, digits and . _ @ -");
        }
    }

    private static Role role(String text) {
        try {
            return Role.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("field 'role': " + e.getMessage());
        }
    }

    private static Set<String> scopes(Collection<?> values) {
        if (values == null || values.isEmpty()) {
            throw ApiError.invalid("field 'scopes' must list at least one of " + new TreeSet<>(TokenScope.ALL));
        }
        Set<String> scopes = new TreeSet<>();
        for (Object s : values) {
            if (!TokenScope.ALL.contains(String.valueOf(s))) {
                throw ApiError.invalid("unknown scope '" + s + "' (known: " + new TreeSet<>(TokenScope.ALL) + ")");
            }
            scopes.add(String.valueOf(s));
        }
        return scopes;
    }
}

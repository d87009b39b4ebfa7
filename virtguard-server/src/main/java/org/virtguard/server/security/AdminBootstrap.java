package org.virtguard.server.security;

import java.time.Instant;
import java.util.Optional;

import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.SecurityStore;

/**
 * First run: when the store has no users, creates {@code admin} with the password from the environment
 * variable {@value #PASSWORD_VARIABLE} (which must satisfy the {@link PasswordPolicy}), or with a generated one that
 * the caller must show exactly once and that must be changed at the first login.
 */
public final class AdminBootstrap {

    /** Environment variable that may hold the first admin's password. */
    public static final String PASSWORD_VARIABLE = "VIRTGUARD_ADMIN_PASSWORD";
    /** The first admin's user name. */
    public static final String ADMIN_USER = "admin";

    private AdminBootstrap() {
    }

    /**
     * Creates the first admin if there are no users.
     *
     * @param fromEnvironment the value of {@value #PASSWORD_VARIABLE}, or {@code null}
     * @return the generated password when one was generated; empty when users existed or the
     *         environment supplied it
     * @throws IllegalArgumentException when the supplied password breaks the {@link PasswordPolicy}
     */
    public static Optional<char[]> ensureAdmin(SecurityStore store, PasswordHasher hasher, String fromEnvironment,
                                               Instant now) {
        if (store.users().count() > 0) {
            return Optional.empty();
        }
        boolean generated = fromEnvironment == null || fromEnvironment.isEmpty();
        char[] password = generated ? Secrets.password(20) : fromEnvironment.toCharArray();
        if (!generated) {
            PasswordPolicy.standard().check(ADMIN_USER, fromEnvironment).ifPresent(v -> {
                throw new IllegalArgumentException(PASSWORD_VARIABLE + ": password refused (rule '" + v.rule() + "'): "
                        + v.message());
            });
        }
        if (!store.users().create(ADMIN_USER, Role.ADMIN, hasher.hash(password), now)) {
            return Optional.empty();
        }
        if (generated) {
            store.users().requirePasswordChange(ADMIN_USER);
        }
        store.audit().append(new AuditRecord("system", "user.bootstrap", ADMIN_USER, "success", null,
                generated ? "first admin created with a generated password, to be changed at the first login"
                        : "first admin created from " + PASSWORD_VARIABLE), now);
        return generated ? Optional.of(password) : Optional.empty();
    }
}

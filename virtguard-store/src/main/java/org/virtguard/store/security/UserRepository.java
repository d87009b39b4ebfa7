package org.virtguard.store.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;

/** Local users with their password hashes and lockout state. */
public final class UserRepository {

    private static final String COLUMNS =
            "username, role, password_hash, created_at, password_changed_at, disabled, failed_logins, locked_until";

    private static final String PROVENANCE =
            "username, role, disabled, created_at, created_by, changed_by, changed_at";

    private final Jdbi jdbi;

    UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Creates a user.
     *
     * @return whether it was created; {@code false} when the name is taken
     */
    public boolean create(String username, Role role, String passwordHash, Instant at) {
        return create(username, role, passwordHash, at, null);
    }

    /**
     * Creates a user and records who created it (the two-person rule refuses approvals between an account and the
     * one that created it).
     *
     * @param createdBy the creating user, or {@code null} for the service itself (the first admin)
     * @return whether it was created; {@code false} when the name is taken
     */
    public boolean create(String username, Role role, String passwordHash, Instant at, String createdBy) {
        Instant now = Sql.truncate(at);
        return jdbi.inTransaction(handle -> {
            boolean exists = handle.createQuery("SELECT COUNT(*) FROM app_user WHERE username = :u")
                    .bind("u", username).mapTo(Integer.class).one() > 0;
            if (exists) {
                return false;
            }
            handle.createUpdate("""
                    INSERT INTO app_user (username, role, password_hash, created_at, password_changed_at, disabled,
                        failed_logins, locked_until, created_by)
                    VALUES (:u, :role, :hash, :now, :now, FALSE, 0, NULL, :by)""")
                    .bind("u", username).bind("role", role.name()).bind("hash", passwordHash).bind("now", now)
                    .bind("by", createdBy).execute();
            return true;
        });
    }

    public Optional<UserAccount> find(String username) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM app_user WHERE username = :u")
                .bind("u", username)
                .map((rs, ctx) -> new UserAccount(rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getString("password_hash"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "password_changed_at"), rs.getBoolean("disabled"), rs.getInt("failed_logins"),
                        Sql.instant(rs, "locked_until")))
                .findOne());
    }

    /** Every user, ordered by name. */
    public List<UserAccount> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM app_user ORDER BY username")
                .map((rs, ctx) -> new UserAccount(rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getString("password_hash"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "password_changed_at"), rs.getBoolean("disabled"), rs.getInt("failed_logins"),
                        Sql.instant(rs, "locked_until")))
                .list());
    }

    public int count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM app_user").mapTo(Integer.class).one());
    }

    /** Sets a new password hash and clears the lockout. */
    public boolean setPassword(String username, String passwordHash, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE app_user SET password_hash = :hash, password_changed_at = :at, failed_logins = 0,
                            locked_until = NULL WHERE username = :u""")
                .bind("hash", passwordHash).bind("at", Sql.truncate(at)).bind("u", username).execute() > 0);
    }

    /**
     * Sets a new password hash, clears the lockout, and sets whether the user must change it at their next login.
     *
     * @param mustChange whether the password is temporary (an admin's reset, a generated bootstrap password)
     * @param resetBy    the admin who set a temporary password, or {@code null} when the user chose it
     * @return whether the user exists
     */
    public boolean setPassword(String username, String passwordHash, Instant at, boolean mustChange, String resetBy) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE app_user SET password_hash = :hash, password_changed_at = :at, failed_logins = 0,
                            locked_until = NULL, must_change_password = :must, password_reset_by = :by
                        WHERE username = :u""")
                .bind("hash", passwordHash).bind("at", Sql.truncate(at)).bind("must", mustChange)
                .bindByType("by", resetBy, String.class).bind("u", username).execute() > 0);
    }

    /** Requires the user to set a new password before doing anything else (a generated first password). */
    public boolean requirePasswordChange(String username) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE app_user SET must_change_password = TRUE WHERE username = :u")
                .bind("u", username).execute() > 0);
    }

    /** Whether the user must set a new password before doing anything else; empty for an unknown user. */
    public Optional<Boolean> passwordChangeRequired(String username) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT must_change_password FROM app_user WHERE username = :u")
                .bind("u", username).mapTo(Boolean.class).findOne());
    }

    /** The admin who last set a temporary password for the user, if the current password is such a one. */
    public Optional<String> passwordResetBy(String username) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT password_reset_by FROM app_user WHERE username = :u AND password_reset_by IS NOT NULL")
                .bind("u", username).mapTo(String.class).findOne());
    }

    public boolean setRole(String username, Role role) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE app_user SET role = :role WHERE username = :u")
                .bind("role", role.name()).bind("u", username).execute() > 0);
    }

    /** Sets the role and records {@code changedBy} as the account's last change (two-person rule). */
    public boolean setRole(String username, Role role, String changedBy, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE app_user SET role = :role, changed_by = :by, changed_at = :at WHERE username = :u")
                .bind("role", role.name()).bind("by", changedBy).bind("at", Sql.truncate(at)).bind("u", username)
                .execute() > 0);
    }

    /**
     * Disables or enables an account; enabling is recorded as the account's last change by {@code changedBy}
     * (whoever enables an account could have prepared it), disabling is not.
     */
    public boolean setDisabled(String username, boolean disabled, String changedBy, Instant at) {
        if (disabled) {
            return setDisabled(username, true);
        }
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE app_user SET disabled = FALSE, changed_by = :by, changed_at = :at WHERE username = :u")
                .bind("by", changedBy).bind("at", Sql.truncate(at)).bind("u", username).execute() > 0);
    }

    /**
     * Records that {@code changedBy} changed the account in a way that gives them control of it (a password reset,
     * for instance). A user changing their own password must not call this: it would clear who reset it.
     */
    public boolean recordChange(String username, String changedBy, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE app_user SET changed_by = :by, changed_at = :at WHERE username = :u")
                .bind("by", changedBy).bind("at", Sql.truncate(at)).bind("u", username).execute() > 0);
    }

    /** Who created the account and who last changed it. */
    public Optional<UserProvenance> provenance(String username) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + PROVENANCE + " FROM app_user WHERE username = :u")
                .bind("u", username).map((rs, ctx) -> provenance(rs)).findOne());
    }

    /** The provenance of every enabled admin. */
    public List<UserProvenance> enabledAdmins() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + PROVENANCE
                        + " FROM app_user WHERE role = 'ADMIN' AND disabled = FALSE ORDER BY username")
                .map((rs, ctx) -> provenance(rs)).list());
    }

    private static UserProvenance provenance(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UserProvenance(rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("disabled"), Sql.instant(rs, "created_at"), rs.getString("created_by"),
                rs.getString("changed_by"), Sql.instant(rs, "changed_at"));
    }

    public boolean setDisabled(String username, boolean disabled) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE app_user SET disabled = :d WHERE username = :u")
                .bind("d", disabled).bind("u", username).execute() > 0);
    }

    /**
     * Counts a failed login; the {@code maxFailures}-th consecutive failure locks the account.
     *
     * @return the account after the update, or empty when there is no such user
     */
    public Optional<UserAccount> recordFailure(String username, int maxFailures, Duration lockFor, Instant at) {
        jdbi.useTransaction(handle -> {
            Integer failures = handle.createQuery("SELECT failed_logins FROM app_user WHERE username = :u FOR UPDATE")
                    .bind("u", username).mapTo(Integer.class).findOne().orElse(null);
            if (failures == null) {
                return;
            }
            int next = failures + 1;
            Instant lockedUntil = next >= maxFailures ? Sql.truncate(at.plus(lockFor)) : null;
            handle.createUpdate("""
                            UPDATE app_user SET failed_logins = :n,
                                locked_until = COALESCE(:locked, locked_until) WHERE username = :u""")
                    .bind("n", next >= maxFailures ? 0 : next)
                    .bindByType("locked", lockedUntil, Instant.class)
                    .bind("u", username).execute();
        });
        return find(username);
    }

    /** Clears the failure count after a successful login. */
    public void recordSuccess(String username) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE username = :u")
                .bind("u", username).execute());
    }

    public boolean delete(String username) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM app_user WHERE username = :u")
                .bind("u", username).execute() > 0);
    }
}

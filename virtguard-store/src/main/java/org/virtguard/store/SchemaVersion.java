package org.virtguard.store;

import java.util.Objects;

import org.virtguard.model.ErrorCode;

/**
 * The schema version a store has and the newest one this binary carries migrations for.
 *
 * @param applied the newest migration applied to the store, or {@code null} when the store has no schema yet
 * @param known   the newest migration on this binary's class path
 * @param failed  whether a migration failed part-way and left the schema in an unknown state
 */
public record SchemaVersion(String applied, String known, boolean failed) {

    public SchemaVersion {
        Objects.requireNonNull(known, "known");
    }

    /** Whether the store has no VirtGuard schema yet. */
    public boolean empty() {
        return applied == null;
    }

    /** Whether the store is at exactly this binary's version. */
    public boolean current() {
        return !failed && applied != null && compare(applied, known) == 0;
    }

    /** Whether the store's schema is newer than this binary knows. */
    public boolean newer() {
        return applied != null && compare(applied, known) > 0;
    }

    /** Whether the store's schema is older than this binary's (it needs {@code virtguard db migrate}). */
    public boolean older() {
        return applied != null && compare(applied, known) < 0;
    }

    /** Refuses a schema newer than this binary knows or one a failed migration left behind. */
    void requireMigratable(String where) {
        if (failed) {
            throw new StoreException(ErrorCode.SCHEMA_MISMATCH, "a schema migration of the store at " + where
                    + " failed part-way (version " + applied + "): restore the backup taken before the upgrade");
        }
        if (newer()) {
            throw new StoreException(ErrorCode.SCHEMA_MISMATCH, tooNew());
        }
    }

    /** Refuses anything but exactly this binary's version; an empty store only when {@code allowEmpty} is false. */
    void requireCurrent(String where, boolean allowEmpty) {
        requireMigratable(where);
        if (empty() && !allowEmpty) {
            throw new StoreException(ErrorCode.SCHEMA_MISMATCH, "the store at " + where
                    + " is empty (no VirtGuard schema yet): start `virtguard serve` or run `virtguard db migrate` "
                    + "first");
        }
        if (older()) {
            throw new StoreException(ErrorCode.SCHEMA_MISMATCH, "store schema is version " + applied
                    + ", this virtguard needs " + known + ": run `virtguard db migrate`");
        }
    }

    private String tooNew() {
        return "store schema is version " + applied + ", this virtguard knows up to " + known
                + ": upgrade virtguard";
    }

    /** Compares version numbers as Flyway orders them ("9" before "11", "1.2" before "1.10"). */
    static int compare(String a, String b) {
        return org.flywaydb.core.api.MigrationVersion.fromVersion(a)
                .compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion(b));
    }

    @Override
    public String toString() {
        return (applied == null ? "empty" : "version " + applied) + " (this virtguard: " + known + ")"
                + (failed ? ", failed migration" : "");
    }
}

package org.virtguard.store.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;

/**
 * Admin grants waiting for a second admin. Decisions are compare-and-set on the status, so two deciders racing each
 * other cannot both apply one grant; a decided grant forgets its password hash.
 */
public final class AdminGrantRepository {

    private static final String COLUMNS = "id, grant_kind, username, password_hash, requested_by, requested_at, "
            + "expires_at, status, decided_by, decided_at, decision_note";

    private final Jdbi jdbi;

    AdminGrantRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Files a grant in status {@code status} (pending, or break-glass when applied at once); returns its number. */
    public long create(AdminGrant.Kind kind, String username, String passwordHash, String requestedBy,
                       Instant requestedAt, Instant expiresAt, AdminGrant.Status status) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        INSERT INTO admin_grant (grant_kind, username, password_hash, requested_by, requested_at,
                            expires_at, status)
                        VALUES (:kind, :u, :hash, :by, :at, :expires, :status)""")
                .bind("kind", kind.name()).bind("u", username)
                .bind("hash", status == AdminGrant.Status.PENDING ? passwordHash : null)
                .bind("by", requestedBy).bind("at", Sql.truncate(requestedAt)).bind("expires", Sql.truncate(expiresAt))
                .bind("status", status.name())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<AdminGrant> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM admin_grant WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> grant(rs)).findOne());
    }

    /** Whether a pending grant exists for {@code username}. */
    public boolean pendingFor(String username) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT COUNT(*) FROM admin_grant WHERE status = 'PENDING' AND LOWER(username) = LOWER(:u)")
                .bind("u", username).mapTo(Integer.class).one() > 0);
    }

    /** Grants, newest first; only pending ones when {@code pendingOnly}. */
    public List<AdminGrant> list(boolean pendingOnly, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM admin_grant"
                        + (pendingOnly ? " WHERE status = 'PENDING'" : "") + " ORDER BY id DESC")
                .setMaxRows(limit).map((rs, ctx) -> grant(rs)).list());
    }

    /**
     * Moves a grant from pending to {@code to}, forgetting its password hash.
     *
     * @return whether this call decided it (it was still pending)
     */
    public boolean decide(long id, AdminGrant.Status to, String decidedBy, String note, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE admin_grant SET status = :to, decided_by = :by, decided_at = :at, decision_note = :note,
                            password_hash = NULL WHERE id = :id AND status = 'PENDING'""")
                .bind("to", to.name()).bind("by", decidedBy).bind("at", Sql.truncate(at)).bind("note", note)
                .bind("id", id).execute() == 1);
    }

    private static AdminGrant grant(ResultSet rs) throws SQLException {
        return new AdminGrant(rs.getLong("id"), AdminGrant.Kind.valueOf(rs.getString("grant_kind")),
                rs.getString("username"), rs.getString("password_hash"), rs.getString("requested_by"),
                Sql.instant(rs, "requested_at"), Sql.instant(rs, "expires_at"),
                AdminGrant.Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                Sql.instant(rs, "decided_at"), rs.getString("decision_note"));
    }
}

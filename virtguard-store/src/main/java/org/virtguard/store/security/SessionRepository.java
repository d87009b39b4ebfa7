package org.virtguard.store.security;

import java.time.Instant;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;

/** Console sessions, keyed by the SHA-256 of their id. Sessions of disabled users are never returned. */
public final class SessionRepository {

    private final Jdbi jdbi;

    SessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void create(String idHash, String username, String csrfToken, Instant at, Instant expiresAt) {
        Instant now = Sql.truncate(at);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO user_session (id_hash, username, csrf_token, created_at, last_seen_at, expires_at)
                        VALUES (:id, :u, :csrf, :now, :now, :exp)""")
                .bind("id", idHash).bind("u", username).bind("csrf", csrfToken).bind("now", now)
                .bind("exp", Sql.truncate(expiresAt)).execute());
    }

    /** The live session with that id digest at {@code now}, if any. */
    public Optional<StoredSession> find(String idHash, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT s.id_hash, s.username, u.role, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
                            u.must_change_password
                        FROM user_session s JOIN app_user u ON u.username = s.username
                        WHERE s.id_hash = :id AND s.expires_at > :now AND u.disabled = FALSE""")
                .bind("id", idHash).bind("now", now)
                .map((rs, ctx) -> new StoredSession(rs.getString("id_hash"), rs.getString("username"),
                        Role.valueOf(rs.getString("role")), rs.getString("csrf_token"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "last_seen_at"), Sql.instant(rs, "expires_at"),
                        rs.getBoolean("must_change_password")))
                .findOne());
    }

    /** Records activity and slides the idle expiry, never beyond {@code absoluteLimit}. */
    public void touch(String idHash, Instant at, Instant newExpiry) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE user_session SET last_seen_at = :at, expires_at = :exp WHERE id_hash = :id")
                .bind("at", Sql.truncate(at)).bind("exp", Sql.truncate(newExpiry)).bind("id", idHash).execute());
    }

    public void delete(String idHash) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM user_session WHERE id_hash = :id")
                .bind("id", idHash).execute());
    }

    /** Ends every session of a user (password change, role change, disablement). */
    public int deleteForUser(String username) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM user_session WHERE username = :u")
                .bind("u", username).execute());
    }

    /** Ends every session of a user but the one with digest {@code keepIdHash} (a password change). */
    public int deleteOthersOfUser(String username, String keepIdHash) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM user_session WHERE username = :u AND id_hash <> :keep")
                .bind("u", username).bind("keep", keepIdHash == null ? "" : keepIdHash).execute());
    }

    public int deleteExpired(Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM user_session WHERE expires_at <= :now")
                .bind("now", now).execute());
    }
}

package org.virtguard.store.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;

/** API tokens, found by the SHA-256 of the presented token. */
public final class TokenRepository {

    private static final String COLUMNS =
            "id, name, username, role, scopes, created_at, expires_at, last_used_at, revoked_at";

    private final Jdbi jdbi;

    TokenRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void create(StoredToken token, String tokenHash) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO api_token (id, token_hash, name, username, role, scopes, created_at, expires_at)
                        VALUES (:id, :hash, :name, :u, :role, :scopes, :created, :expires)""")
                .bind("id", token.id()).bind("hash", tokenHash).bind("name", token.name())
                .bind("u", token.username()).bind("role", token.role().name())
                .bind("scopes", String.join(",", new TreeSet<>(token.scopes())))
                .bind("created", Sql.truncate(token.createdAt())).bind("expires", Sql.truncate(token.expiresAt()))
                .execute());
    }

    /** The token with that digest, whether usable or not. */
    public Optional<StoredToken> findByHash(String tokenHash) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_token WHERE token_hash = :h")
                .bind("h", tokenHash).map((rs, ctx) -> read(rs)).findOne());
    }

    public Optional<StoredToken> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM api_token WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> read(rs)).findOne());
    }

    /** Every token, ordered by owner and creation. */
    public List<StoredToken> list() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM api_token ORDER BY username, created_at, id")
                .map((rs, ctx) -> read(rs)).list());
    }

    public void touch(String id, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE api_token SET last_used_at = :at WHERE id = :id")
                .bind("at", Sql.truncate(at)).bind("id", id).execute());
    }

    /** Revokes a token; revoking twice keeps the first time. */
    public boolean revoke(String id, Instant at) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE api_token SET revoked_at = COALESCE(revoked_at, :at) WHERE id = :id")
                .bind("at", Sql.truncate(at)).bind("id", id).execute() > 0);
    }

    private static StoredToken read(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        Set<String> scopeSet = scopes == null || scopes.isBlank() ? Set.of()
                : Arrays.stream(scopes.split(",")).collect(Collectors.toUnmodifiableSet());
        return new StoredToken(rs.getString("id"), rs.getString("name"), rs.getString("username"),
                Role.valueOf(rs.getString("role")), scopeSet, Sql.instant(rs, "created_at"),
                Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_used_at"), Sql.instant(rs, "revoked_at"));
    }
}

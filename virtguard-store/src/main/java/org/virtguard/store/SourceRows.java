package org.virtguard.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jdbi.v3.core.Handle;
import org.virtguard.model.ErrorCode;

/** The source table. */
final class SourceRows {

    private static final String COLUMNS =
            "id, last_sync_at, stale, stale_since, last_error_code, last_error_message, last_error_at";
    private static final int MAX_MESSAGE = 4000;

    private final Handle handle;

    SourceRows(Handle handle) {
        this.handle = handle;
    }

    /**
     * Creates the rows that do not exist yet and locks all of them for the rest of the transaction, so
     * that concurrent writes for the same sources run one after the other.
     */
    Map<String, SourceState> lock(Collection<String> ids, Instant at) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<String> sorted = List.copyOf(new TreeSet<>(ids));
        List<String> existing = handle.createQuery("SELECT id FROM inv_source WHERE id IN (<ids>)")
                .bindList("ids", sorted)
                .mapTo(String.class)
                .list();
        for (String id : sorted) {
            if (!existing.contains(id)) {
                handle.createUpdate("INSERT INTO inv_source (id, first_seen, stale) VALUES (:id, :at, FALSE)")
                        .bind("id", id)
                        .bind("at", at)
                        .execute();
            }
        }
        Map<String, SourceState> states = new LinkedHashMap<>();
        handle.createQuery("SELECT " + COLUMNS + " FROM inv_source WHERE id IN (<ids>) ORDER BY id FOR UPDATE")
                .bindList("ids", sorted)
                .map((rs, ctx) -> map(rs))
                .forEach(s -> states.put(s.id(), s));
        return states;
    }

    List<SourceState> all() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM inv_source ORDER BY id")
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** A snapshot was applied: not stale, no error. */
    void synced(String id, Instant at) {
        handle.createUpdate("UPDATE inv_source SET last_sync_at = :at, stale = FALSE, stale_since = NULL,"
                        + " last_error_code = NULL, last_error_message = NULL, last_error_at = NULL WHERE id = :id")
                .bind("id", id)
                .bind("at", at)
                .execute();
    }

    /**
     * Every present object of the sources was reported at {@code at}: moves their last-seen time (see
     * {@link LastSeen}) with one row write per source instead of one per object. Never moves it back.
     */
    void objectsSeen(Collection<String> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE inv_source SET objects_seen_at = :at WHERE id IN (<ids>)"
                        + " AND (objects_seen_at IS NULL OR objects_seen_at < :at)")
                .bind("at", at)
                .bindList("ids", List.copyOf(ids))
                .execute();
    }

    /** A read failed or the live feed broke: stale since {@code staleSince}, with the error. */
    void failed(String id, ErrorCode code, String message, Instant staleSince, Instant at) {
        handle.createUpdate("UPDATE inv_source SET stale = TRUE, stale_since = :since, last_error_code = :code,"
                        + " last_error_message = :message, last_error_at = :at WHERE id = :id")
                .bind("id", id)
                .bind("since", staleSince)
                .bind("code", code.name())
                .bind("message", truncate(message))
                .bind("at", at)
                .execute();
    }

    /** The live feed is back; the data stays as it was until the next sync. */
    void recovered(String id) {
        handle.createUpdate("UPDATE inv_source SET stale = FALSE, stale_since = NULL WHERE id = :id")
                .bind("id", id)
                .execute();
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static SourceState map(ResultSet rs) throws SQLException {
        String code = rs.getString("last_error_code");
        return new SourceState(rs.getString("id"), Sql.instant(rs, "last_sync_at"), rs.getBoolean("stale"),
                Sql.instant(rs, "stale_since"), code == null ? null : ErrorCode.valueOf(code),
                rs.getString("last_error_message"), Sql.instant(rs, "last_error_at"));
    }
}

package org.virtguard.store.flows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.virtguard.store.Sql;

/**
 * Per-minute flow edges on H2 or PostgreSQL. Storing an edge that already exists for its minute adds to its
 * counters, so a minute may be flushed in several parts.
 */
public final class FlowEdgeRepository {

    private static final int MAX_NAME = 512;

    private final Jdbi jdbi;

    public FlowEdgeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Adds the edges' counters to the stored ones, in one transaction. */
    public void add(List<StoredFlowEdge> edges) {
        if (edges.isEmpty()) {
            return;
        }
        jdbi.useTransaction(handle -> {
            PreparedBatch update = handle.prepareBatch("""
                    UPDATE flow_edge SET flows = flows + :flows, packets = packets + :packets, bytes = bytes + :bytes
                    WHERE minute_start = :minute AND edge_kind = :kind AND from_name = :from AND to_name = :to
                      AND east_west = :eastWest""");
            for (StoredFlowEdge e : edges) {
                bind(update, e).add();
            }
            int[] updated = update.execute();
            PreparedBatch insert = handle.prepareBatch("""
                    INSERT INTO flow_edge (minute_start, edge_kind, from_name, to_name, east_west, flows, packets, bytes)
                    VALUES (:minute, :kind, :from, :to, :eastWest, :flows, :packets, :bytes)""");
            boolean any = false;
            for (int i = 0; i < edges.size(); i++) {
                if (updated[i] == 0) {
                    bind(insert, edges.get(i)).add();
                    any = true;
                }
            }
            if (any) {
                insert.execute();
            }
        });
    }

    private static PreparedBatch bind(PreparedBatch batch, StoredFlowEdge e) {
        return batch.bind("minute", Sql.truncate(e.minute())).bind("kind", e.kind()).bind("from", cut(e.from()))
                .bind("to", cut(e.to())).bind("eastWest", e.eastWest()).bind("flows", e.flows())
                .bind("packets", e.packets()).bind("bytes", e.bytes());
    }

    private static String cut(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /** Edges of one kind whose minute lies in [{@code from}, {@code to}), oldest first. */
    public List<StoredFlowEdge> list(String kind, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT minute_start, edge_kind, from_name, to_name, east_west, flows, packets, bytes
                        FROM flow_edge WHERE edge_kind = :kind AND minute_start >= :from AND minute_start < :to
                        ORDER BY minute_start, from_name, to_name""")
                .bind("kind", kind).bind("from", Sql.truncate(from)).bind("to", Sql.truncate(to))
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * Edges of one kind from or to {@code name} whose minute lies in [{@code from}, {@code to}), newest first, at
     * most {@code limit}.
     */
    public List<StoredFlowEdge> touching(String kind, String name, Instant from, Instant to, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT minute_start, edge_kind, from_name, to_name, east_west, flows, packets, bytes
                        FROM flow_edge WHERE edge_kind = :kind AND minute_start >= :from AND minute_start < :to
                          AND (from_name = :name OR to_name = :name)
                        ORDER BY minute_start DESC, from_name, to_name LIMIT :limit""")
                .bind("kind", kind).bind("name", cut(name)).bind("from", Sql.truncate(from))
                .bind("to", Sql.truncate(to)).bind("limit", Math.max(1, limit))
                .map((rs, ctx) -> row(rs)).list());
    }

    /** Deletes edges whose minute started before {@code cutoff} (retention); returns how many. */
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM flow_edge WHERE minute_start < :cutoff")
                .bind("cutoff", Sql.truncate(cutoff)).execute());
    }

    static StoredFlowEdge row(ResultSet rs) throws SQLException {
        return new StoredFlowEdge(Sql.instant(rs, "minute_start"), rs.getString("edge_kind"), rs.getString("from_name"),
                rs.getString("to_name"), rs.getBoolean("east_west"), rs.getLong("flows"), rs.getLong("packets"),
                rs.getLong("bytes"));
    }
}

package org.virtguard.store.findings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.virtguard.model.Finding;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Sql;

/**
 * The {@code finding_event} table: what each recorded evaluation opened and resolved, in recording order, kept
 * {@link #KEPT} so a forwarder that was down can catch up.
 */
final class FindingChangeLog {

    /** How long changes are kept. */
    static final Duration KEPT = Duration.ofDays(90);

    private FindingChangeLog() {
    }

    /**
     * Appends an evaluation's changes inside its recording transaction (opened first, then resolved), and drops
     * changes older than {@link #KEPT}.
     */
    static void append(Handle handle, Instant at, List<Finding> opened, List<Finding> closed) {
        handle.createUpdate("DELETE FROM finding_event WHERE evaluated_at < :oldest")
                .bind("oldest", at.minus(KEPT)).execute();
        int count = opened.size() + closed.size();
        if (count == 0) {
            return;
        }
        // Taking the row lock here serialises recordings until commit, so seq order is commit order.
        handle.createUpdate("UPDATE finding_event_seq SET last_seq = last_seq + :n WHERE id = 1")
                .bind("n", count).execute();
        long last = handle.createQuery("SELECT last_seq FROM finding_event_seq WHERE id = 1")
                .mapTo(Long.class).one();
        long seq = last - count;
        PreparedBatch batch = handle.prepareBatch(
                "INSERT INTO finding_event (seq, evaluated_at, kind, doc) VALUES (:seq, :at, :kind, :doc)");
        for (Finding f : opened) {
            batch.bind("seq", ++seq).bind("at", at).bind("kind", FindingChange.Kind.OPENED.name())
                    .bind("doc", InventoryJson.write(f)).add();
        }
        for (Finding f : closed) {
            batch.bind("seq", ++seq).bind("at", at).bind("kind", FindingChange.Kind.RESOLVED.name())
                    .bind("doc", InventoryJson.write(f)).add();
        }
        batch.execute();
    }

    /** Changes with a seq above {@code afterSeq}, oldest first. */
    static List<FindingChange> after(Handle handle, long afterSeq, int limit) {
        return handle.createQuery("SELECT seq, evaluated_at, kind, doc FROM finding_event WHERE seq > :after "
                        + "ORDER BY seq LIMIT :limit")
                .bind("after", afterSeq).bind("limit", limit)
                .map((rs, ctx) -> new FindingChange(rs.getLong(1), Sql.instant(rs, 2),
                        FindingChange.Kind.valueOf(rs.getString(3)), InventoryJson.read(rs.getString(4), Finding.class)))
                .list();
    }

    /** The last seq handed out, 0 before the first change. */
    static long lastSeq(Handle handle) {
        return handle.createQuery("SELECT last_seq FROM finding_event_seq WHERE id = 1").mapTo(Long.class).one();
    }
}

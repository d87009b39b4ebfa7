package org.virtguard.store.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.Sql;

/**
 * The append-only, hash-chained audit log. Appends are serialised on the chain head, so the chain has no
 * forks even with concurrent writers; {@link #verify()} detects modified, deleted, inserted or reordered
 * entries and a truncated tail.
 */
public final class AuditLog {

    private static final int VERIFY_BATCH = 1000;
    private static final int LOOKUP_BATCH = 500;
    static final String COLUMNS =
            "seq, at, actor, action, target, outcome, remote_address, detail, prev_hash, entry_hash";

    private final Jdbi jdbi;

    AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Appends an entry; over-long fields are cut to their column size before hashing. */
    public AuditEntry append(AuditRecord record, Instant at) {
        AuditRecord bounded = new AuditRecord(cut(record.actor(), 256), cut(record.action(), 128),
                cut(record.target(), 1024), cut(record.outcome(), 32), cut(record.remoteAddress(), 128),
                cut(record.detail(), 4000));
        Instant now = Sql.truncate(at);
        return jdbi.inTransaction(handle -> {
            Head head = handle.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                    .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).one();
            long seq = head.seq() + 1;
            String hash = AuditChain.hash(seq, now, bounded, head.hash());
            handle.createUpdate("INSERT INTO audit_entry (" + COLUMNS + ") VALUES (:seq, :at, :actor, :action, "
                            + ":target, :outcome, :remote, :detail, :prev, :hash)")
                    .bind("seq", seq).bind("at", now).bind("actor", bounded.actor()).bind("action", bounded.action())
                    .bind("target", bounded.target()).bind("outcome", bounded.outcome())
                    .bind("remote", bounded.remoteAddress()).bind("detail", bounded.detail())
                    .bind("prev", head.hash()).bind("hash", hash).execute();
            handle.createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                    .bind("seq", seq).bind("hash", hash).execute();
            return new AuditEntry(seq, now, bounded, head.hash(), hash);
        });
    }

    /** The log's entries sorted, filtered and paged for lists. */
    public AuditListing listing() {
        return new AuditListing(jdbi);
    }

    /**
     * Entries newest first.
     *
     * @param beforeSeq only entries with a smaller sequence number; {@code 0} or less for the newest
     * @param limit     at most this many
     */
    public List<AuditEntry> list(long beforeSeq, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM audit_entry"
                        + (beforeSeq > 0 ? " WHERE seq < :before" : "") + " ORDER BY seq DESC LIMIT :limit")
                .bind("before", beforeSeq).bind("limit", Math.max(1, limit))
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * The newest entry in the log (not the head row, which {@link #verify()} checks against it): what a checkpoint
     * vouches for. An empty log gives entry 0 with 64 zeros.
     */
    public AuditHead head() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT seq, entry_hash FROM audit_entry ORDER BY seq DESC "
                        + "LIMIT 1")
                .map((rs, ctx) -> new AuditHead(rs.getLong(1), rs.getString(2))).findOne()
                .orElse(new AuditHead(0, AuditChain.GENESIS)));
    }

    /**
     * The stored hash of each entry in {@code seqs} that exists, read in batches; entries that do not exist are
     * left out of the answer.
     */
    public Map<Long, String> hashesAt(Collection<Long> seqs) {
        List<Long> wanted = seqs.stream().distinct().sorted().toList();
        Map<Long, String> found = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += LOOKUP_BATCH) {
            List<Long> batch = wanted.subList(from, Math.min(wanted.size(), from + LOOKUP_BATCH));
            jdbi.useHandle(handle -> handle.createQuery("SELECT seq, entry_hash FROM audit_entry WHERE seq IN (<seqs>)")
                    .bindList("seqs", batch)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> found.put(e.getKey(), e.getValue())));
        }
        return found;
    }

    public long count() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT last_seq FROM audit_head WHERE id = 1")
                .mapTo(Long.class).one());
    }

    /** Re-computes the whole chain in sequence order, in batches. */
    public AuditVerification verify() {
        return jdbi.withHandle(handle -> {
            Head head = handle.createQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                    .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).one();
            String prev = AuditChain.GENESIS;
            long expected = 1;
            long checked = 0;
            while (true) {
                List<AuditEntry> batch = batch(handle, expected - 1);
                for (AuditEntry e : batch) {
                    checked++;
                    Optional<String> problem = check(e, expected, prev);
                    if (problem.isPresent()) {
                        return new AuditVerification(false, checked, Math.min(e.seq(), expected), problem.get(),
                                head.hash());
                    }
                    prev = e.entryHash();
                    expected++;
                }
                if (batch.size() < VERIFY_BATCH) {
                    break;
                }
            }
            long last = expected - 1;
            if (last != head.seq() || !prev.equals(head.hash())) {
                return new AuditVerification(false, checked, last + 1, "the chain ends at entry " + last
                        + " but the head records entry " + head.seq() + ": entries were removed or added", head.hash());
            }
            return new AuditVerification(true, checked, 0, null, head.hash());
        });
    }

    private static Optional<String> check(AuditEntry e, long expectedSeq, String prevHash) {
        if (e.seq() != expectedSeq) {
            return Optional.of("entry " + expectedSeq + " is missing (next entry is " + e.seq() + ")");
        }
        if (!e.prevHash().equals(prevHash)) {
            return Optional.of("entry " + e.seq() + " does not link to entry " + (e.seq() - 1)
                    + ": entries were removed, inserted or reordered");
        }
        if (!AuditChain.hash(e.seq(), e.at(), e.record(), e.prevHash()).equals(e.entryHash())) {
            return Optional.of("entry " + e.seq() + " was modified after it was written");
        }
        return Optional.empty();
    }

    private static List<AuditEntry> batch(Handle handle, long afterSeq) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > :after ORDER BY seq LIMIT "
                        + VERIFY_BATCH)
                .bind("after", afterSeq).map((rs, ctx) -> read(rs)).list();
    }

    static AuditEntry read(ResultSet rs) throws SQLException {
        AuditRecord record = new AuditRecord(rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                rs.getString("outcome"), rs.getString("remote_address"), rs.getString("detail"));
        return new AuditEntry(rs.getLong("seq"), Sql.instant(rs, "at"), record, rs.getString("prev_hash"),
                rs.getString("entry_hash"));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private record Head(long seq, String hash) {
    }
}

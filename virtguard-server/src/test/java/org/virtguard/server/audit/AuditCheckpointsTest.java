package org.virtguard.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.virtguard.store.Store;
import org.virtguard.store.security.AuditLog;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.testdb.DatabaseTest;

/**
 * Truncation and rollback of the audit table behind the service's back (rows deleted or replaced through JDBC after
 * a checkpoint, chain head fixed up so the links still verify) are reported, on H2 and PostgreSQL, with the entry
 * from which on the log is missing or changed; forged checkpoint lines are refused.
 */
class AuditCheckpointsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final CheckpointKey KEY = CheckpointKey.of("test-checkpoint-key-0123456789abcdef");

    private static void append(AuditLog audit, int n, String actor) {
        for (int i = 0; i < n; i++) {
            audit.append(new AuditRecord(actor, "token.create", null, "success", "127.0.0.1", "entry " + i),
                    T0.plusSeconds(i));
        }
    }

    private static AuditCheckpoints checkpoints(Store store) throws Exception {
        Path dir = Files.createTempDirectory("vg-checkpoints-");
        return new AuditCheckpoints(store.security().audit(), new CheckpointFile(dir.resolve("audit.jsonl")), KEY,
                Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** Deletes entries after {@code keep} and moves the head back to it, so the chain's links still verify. */
    private static void cutAfter(Store store, long keep) {
        store.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM audit_entry WHERE seq > :keep").bind("keep", keep).execute();
            String hash = h.createQuery("SELECT entry_hash FROM audit_entry WHERE seq = :seq").bind("seq", keep)
                    .mapTo(String.class).one();
            h.createUpdate("UPDATE audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                    .bind("seq", keep).bind("hash", hash).execute();
        });
    }

    @DatabaseTest
    void anUntouchedLogMatchesItsCheckpoint(Store store) throws Exception {
        AuditCheckpoints checkpoints = checkpoints(store);
        append(store.security().audit(), 10, "alice");
        assertThat(checkpoints.checkpoint()).hasValueSatisfying(c -> assertThat(c.seq()).isEqualTo(10));
        assertThat(checkpoints.checkpoint()).as("an unchanged head is not checkpointed again").isEmpty();

        AuditCheck check = checkpoints.verify();

        assertThat(check.status()).as(check.message()).isEqualTo("intact");
        assertThat(check.valid()).isTrue();
        assertThat(check.checkpoint().seq()).isEqualTo(10);
        assertThat(check.firstMissingSeq()).isZero();
        assertThat(check.firstChangedSeq()).isZero();
    }

    @DatabaseTest
    void deletingTheLastRowsIsReportedFromTheFirstMissingEntry(Store store) throws Exception {
        AuditCheckpoints checkpoints = checkpoints(store);
        append(store.security().audit(), 10, "alice");
        checkpoints.checkpoint();
        store.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq > 6"));

        AuditCheck check = checkpoints.verify();

        assertThat(check.valid()).as("the head row still names entry 10").isFalse();
        assertThat(check.firstMissingSeq()).isEqualTo(7);
        assertThat(check.checkpointProblem()).contains("entries 7 to 10 are missing");
    }

    @DatabaseTest
    void aTruncationWithTheHeadFixedUpIsReportedThoughTheChainVerifies(Store store) throws Exception {
        AuditCheckpoints checkpoints = checkpoints(store);
        append(store.security().audit(), 10, "alice");
        checkpoints.checkpoint();
        cutAfter(store, 7);
        assertThat(store.security().audit().verify().valid()).as("the chain alone cannot see it").isTrue();

        AuditCheck check = checkpoints.verify();

        assertThat(check.valid()).isTrue();
        assertThat(check.status()).isEqualTo("entries-missing");
        assertThat(check.firstMissingSeq()).isEqualTo(8);
        assertThat(check.message()).contains("from entry 8 on");
        assertThat(checkpoints.quickCheck()).hasValueSatisfying(p -> assertThat(p).contains("entries 8 to 10"));
    }

    @DatabaseTest
    void aRollbackWithReplacedRowsIsReportedAfterTheLastMatchingCheckpoint(Store store) throws Exception {
        AuditCheckpoints checkpoints = checkpoints(store);
        AuditLog audit = store.security().audit();
        append(audit, 5, "alice");
        checkpoints.checkpoint();
        append(audit, 5, "alice");
        checkpoints.checkpoint();
        cutAfter(store, 6);
        append(audit, 6, "mallory");
        assertThat(audit.verify().valid()).as("the replaced rows form a valid chain").isTrue();

        AuditCheck check = checkpoints.verify();

        assertThat(check.status()).as(check.message()).isEqualTo("entries-changed");
        assertThat(check.firstChangedSeq()).as("the checkpoint of entry 5 still matches").isEqualTo(6);
        assertThat(check.checkpointProblem()).contains("entry 10 has another hash");
    }

    @DatabaseTest
    void aForgedCheckpointLineIsRefusedAndReported(Store store) throws Exception {
        AuditCheckpoints checkpoints = checkpoints(store);
        append(store.security().audit(), 3, "alice");
        checkpoints.checkpoint();
        AuditCheckpoint genuine = KEY.sign(3, store.security().audit().head().hash(), T0);
        AuditCheckpoint forged = new AuditCheckpoint(2, genuine.headHash(), T0, genuine.mac());
        Files.writeString(checkpoints.file().path(), forged.line() + "\nnot json\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        AuditCheck check = checkpoints.verify();

        assertThat(check.status()).isEqualTo("checkpoint-invalid");
        assertThat(check.checkpointsRejected()).isEqualTo(2);
        assertThat(check.checkpointsChecked()).isEqualTo(1);
        assertThat(check.checkpointProblem()).contains("line 2: its signature does not verify");
    }

    @DatabaseTest
    void withoutCheckpointsTheLogIsNeverReportedIntact(Store store) {
        append(store.security().audit(), 3, "alice");

        AuditCheck check = AuditCheckpoints.verifyUnanchored(store.security().audit());

        assertThat(check.valid()).isTrue();
        assertThat(check.status()).isEqualTo("unanchored");
    }
}

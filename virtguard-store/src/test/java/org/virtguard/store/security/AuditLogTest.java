package org.virtguard.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class AuditLogTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private static AuditLog withEntries(Store store, int n) {
        AuditLog audit = store.security().audit();
        for (int i = 1; i <= n; i++) {
            audit.append(new AuditRecord("alice", "alert.acknowledge", "alert-" + i, "success", "127.0.0.1",
                    "note " + i), T0.plusSeconds(i));
        }
        return audit;
    }

    @DatabaseTest
    void anUntouchedChainVerifies(Store store) {
        AuditLog audit = withEntries(store, 5);

        AuditVerification result = audit.verify();

        assertThat(result.valid()).as(result.problem()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(5);
        assertThat(audit.list(0, 2)).extracting(AuditEntry::seq).containsExactly(5L, 4L);
        assertThat(audit.list(4, 10)).extracting(AuditEntry::seq).containsExactly(3L, 2L, 1L);
        AuditEntry newest = audit.list(0, 1).get(0);
        assertThat(result.headHash()).isEqualTo(newest.entryHash());
        assertThat(audit.list(3, 1).get(0).entryHash()).isEqualTo(audit.list(4, 1).get(0).prevHash());
    }

    @DatabaseTest
    void anEmptyChainVerifies(Store store) {
        assertThat(store.security().audit().verify().valid()).isTrue();
    }

    @DatabaseTest
    void aModifiedEntryIsDetected(Store store) {
        AuditLog audit = withEntries(store, 5);
        store.jdbi().useHandle(h -> h.execute("UPDATE audit_entry SET detail = 'innocent' WHERE seq = 3"));

        AuditVerification result = audit.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(3);
        assertThat(result.problem()).contains("entry 3 was modified");
    }

    @DatabaseTest
    void aModifiedEntryWithRecomputedHashBreaksTheNextLink(Store store) {
        AuditLog audit = withEntries(store, 5);
        AuditEntry third = audit.list(4, 1).get(0);
        AuditRecord forged = new AuditRecord("mallory", third.record().action(), third.record().target(),
                third.record().outcome(), third.record().remoteAddress(), third.record().detail());
        String forgedHash = AuditChain.hash(3, third.at(), forged, third.prevHash());
        store.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_entry SET actor = 'mallory', entry_hash = :h WHERE seq = 3")
                .bind("h", forgedHash).execute());

        AuditVerification result = audit.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(4);
        assertThat(result.problem()).contains("does not link");
    }

    @DatabaseTest
    void aDeletedEntryIsDetected(Store store) {
        AuditLog audit = withEntries(store, 5);
        store.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq = 2"));

        AuditVerification result = audit.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(2);
        assertThat(result.problem()).contains("entry 2 is missing");
    }

    @DatabaseTest
    void aTruncatedTailIsDetected(Store store) {
        AuditLog audit = withEntries(store, 5);
        store.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entry WHERE seq = 5"));

        AuditVerification result = audit.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).contains("head records entry 5");
    }

    @DatabaseTest
    void reorderedEntriesAreDetected(Store store) {
        AuditLog audit = withEntries(store, 5);
        store.jdbi().useHandle(h -> {
            h.execute("UPDATE audit_entry SET seq = 100 WHERE seq = 2");
            h.execute("UPDATE audit_entry SET seq = 2 WHERE seq = 3");
            h.execute("UPDATE audit_entry SET seq = 3 WHERE seq = 100");
        });

        AuditVerification result = audit.verify();

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(2);
    }

    @DatabaseTest
    void overlongFieldsAreCutNotRejected(Store store) {
        AuditEntry entry = store.security().audit().append(
                new AuditRecord("a".repeat(1000), "x", null, "success", null, "d".repeat(10_000)), T0);

        assertThat(entry.record().actor()).hasSize(256);
        assertThat(entry.record().detail()).hasSize(4000);
        assertThat(store.security().audit().verify().valid()).isTrue();
    }
}

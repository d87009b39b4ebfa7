package org.virtguard.store.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;
import org.virtguard.store.testdb.TestDatabase;

/** The changes each recorded evaluation made, read back in recording order. */
class FindingChangeLogTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final ResourceRef WEB01 = new ResourceRef(ObjectType.VM, "uuid-web01", "web01");
    private static final ResourceRef DB01 = new ResourceRef(ObjectType.VM, "uuid-db01", "db01");
    private static final List<String> SCOPE = List.of("console", "svirt");

    private static Finding finding(String check, ResourceRef ref, CheckStatus status, Instant at) {
        return new Finding(check, ref, status, Severity.HIGH, "title", "message at " + at, Map.of(), List.of(), at);
    }

    private static String describe(FindingChange c) {
        return c.evaluatedAt() + " " + c.kind() + " " + c.finding().checkId() + "/" + c.finding().resource().name()
                + " " + c.finding().status();
    }

    @DatabaseTest
    void everyOpeningAndResolutionIsKeptEvenWhenTheFindingCameBackSince(Store store) {
        FindingRepository repo = store.findings();
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        repo.recordScan(List.of(finding("console", WEB01, CheckStatus.FAIL, T0),
                finding("svirt", DB01, CheckStatus.EXCEPTED, T0)), SCOPE, T0);
        repo.recordScan(List.of(finding("svirt", DB01, CheckStatus.EXCEPTED, t1)), SCOPE, t1);
        repo.recordScan(List.of(finding("console", WEB01, CheckStatus.ERROR, t2),
                finding("svirt", DB01, CheckStatus.FAIL, t2)), SCOPE, t2);

        List<FindingChange> changes = repo.changesAfter(0, 100);

        assertThat(changes).extracting(FindingChangeLogTest::describe).containsExactly(
                T0 + " OPENED console/web01 FAIL",
                T0 + " OPENED svirt/db01 EXCEPTED",
                t1 + " RESOLVED console/web01 FAIL",
                t2 + " OPENED console/web01 ERROR");
        assertThat(changes).extracting(FindingChange::seq).isSorted().doesNotHaveDuplicates();
        assertThat(changes.get(0).finding().message()).as("the finding as that evaluation reported it")
                .isEqualTo("message at " + T0);
        assertThat(repo.history("uuid-web01")).singleElement().satisfies(f -> assertThat(f.firstSeen())
                .as("the finding table alone no longer shows the first opening").isEqualTo(t2));
        assertThat(repo.lastChangeSeq()).isEqualTo(changes.get(3).seq());
    }

    @DatabaseTest
    void changesArePagedAfterASeqAndSurviveAReopenOfTheStore(TestDatabase db) {
        long third;
        try (Store store = db.open()) {
            FindingRepository repo = store.findings();
            for (int i = 0; i < 3; i++) {
                Instant at = T0.plusSeconds(60L * i);
                repo.recordScan(List.of(finding("console", new ResourceRef(ObjectType.VM, "uuid-vm" + i, "vm" + i),
                        CheckStatus.FAIL, at)), List.of("svirt"), at);
            }
            List<FindingChange> firstTwo = repo.changesAfter(0, 2);
            assertThat(firstTwo).extracting(c -> c.finding().resource().name()).containsExactly("vm0", "vm1");
            third = repo.changesAfter(firstTwo.get(1).seq(), 2).get(0).seq();
        }
        try (Store reopened = db.open()) {
            assertThat(reopened.findings().changesAfter(third - 1, 10)).singleElement()
                    .satisfies(c -> assertThat(c.finding().resource().name()).isEqualTo("vm2"));
            assertThat(reopened.findings().changesAfter(third, 10)).isEmpty();
            assertThat(reopened.findings().lastChangeSeq()).isEqualTo(third);
        }
    }

    @DatabaseTest
    void changesOlderThanTheRetentionAreDroppedButSeqNeverGoesBack(Store store) {
        FindingRepository repo = store.findings();
        repo.recordScan(List.of(finding("console", WEB01, CheckStatus.FAIL, T0)), SCOPE, T0);
        long first = repo.lastChangeSeq();
        Instant later = T0.plus(FindingChangeLog.KEPT).plus(Duration.ofDays(1));

        repo.recordScan(List.of(), SCOPE, later);

        assertThat(repo.changesAfter(0, 10)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(FindingChange.Kind.RESOLVED);
            assertThat(c.seq()).isGreaterThan(first);
            assertThat(c.evaluatedAt()).isEqualTo(later);
        });
    }

    @DatabaseTest
    void evaluationsThatChangeNothingAddNothing(Store store) {
        FindingRepository repo = store.findings();
        repo.recordScan(List.of(finding("console", WEB01, CheckStatus.FAIL, T0)), SCOPE, T0);
        repo.recordScan(List.of(finding("console", WEB01, CheckStatus.FAIL, T0.plusSeconds(60))), SCOPE,
                T0.plusSeconds(60));

        assertThat(repo.changesAfter(0, 10)).hasSize(1);
        assertThat(repo.lastChangeSeq()).isEqualTo(1);
    }
}

package org.virtguard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Store;
import org.virtguard.store.findings.ScanRecord;
import org.virtguard.store.testdb.DatabaseTest;
import org.virtguard.store.testdb.TestDatabase;

/**
 * Finding events read back from a real store (H2 and PostgreSQL): evaluations recorded while no forwarder ran
 * (the crash window) reach the spool once, in order, after a restart; a full spool loses nothing.
 */
class StoredFindingForwarderTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final List<String> SCOPE = List.of("zone-nic", "console-open");
    private static final Function<FindingEvent, String> JSON = InventoryJson::write;

    private static Finding finding(String check, String vm, CheckStatus status, Instant at) {
        return new Finding(check, new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), status, Severity.HIGH,
                "vNIC in a forbidden zone", vm + " seen at " + at, Map.of("zone", "dmz"), List.of(), at);
    }

    /**
     * Five evaluations: web01 fails, db01 is excepted (not news); app01 errs and web01 is resolved; web01 comes
     * back; db01 turns from excepted to failing (no event: it was already open); app01 and web01 are resolved. Returns the events the in-memory forwarder made of each evaluation.
     */
    private static List<String> recordEvaluations(Store store, Function<FindingEvent, String> format, int from,
                                                  int to) {
        List<List<Finding>> scans = List.of(
                List.of(finding("zone-nic", "web01", CheckStatus.FAIL, T0),
                        finding("zone-nic", "db01", CheckStatus.EXCEPTED, T0)),
                List.of(finding("zone-nic", "db01", CheckStatus.EXCEPTED, at(1)),
                        finding("console-open", "app01", CheckStatus.ERROR, at(1))),
                List.of(finding("zone-nic", "db01", CheckStatus.EXCEPTED, at(2)),
                        finding("console-open", "app01", CheckStatus.ERROR, at(2)),
                        finding("zone-nic", "web01", CheckStatus.FAIL, at(2))),
                List.of(finding("zone-nic", "db01", CheckStatus.FAIL, at(3)),
                        finding("console-open", "app01", CheckStatus.ERROR, at(3)),
                        finding("zone-nic", "web01", CheckStatus.FAIL, at(3))),
                List.of(finding("zone-nic", "db01", CheckStatus.FAIL, at(4))));
        List<String> expected = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ScanRecord record = store.findings().recordScan(scans.get(i), SCOPE, at(i));
            FindingForwarder.events(record, at(i)).stream().map(format).forEach(expected::add);
        }
        return expected;
    }

    private static Instant at(int evaluation) {
        return T0.plusSeconds(60L * evaluation);
    }

    /** Delivers (removes) everything in the spool, oldest first. */
    private static List<String> drain(DiskSpool spool) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (Optional<DiskSpool.Pending> p = spool.peek(); p.isPresent(); p = spool.peek()) {
            bodies.add(p.get().body());
            spool.remove(p.get());
        }
        return bodies;
    }

    @DatabaseTest
    void eventsRecordedWhileNoForwarderRanAreSpooledOnceInOrderAfterARestart(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("vg-findings-spool");
        Path cursor = dir.resolve("webhook.findings.cursor");
        List<String> expected;
        try (Store crashed = db.open()) {
            expected = recordEvaluations(crashed, JSON, 0, 5);
        }
        assertThat(expected).as("the scenario itself").hasSize(6);

        try (Store restarted = db.open()) {
            DiskSpool spool = new DiskSpool(dir.resolve("webhook"), 100);
            int spooled = new StoredFindingForwarder(restarted.findings(), spool, cursor, JSON, m -> { }).forward();

            assertThat(spooled).isEqualTo(6);
            List<String> bodies = drain(spool);
            assertThat(bodies).as("same events, same JSON, same order as forwarding each evaluation live")
                    .containsExactlyElementsOf(expected);
            assertThat(bodies.get(0)).contains("\"event\":\"finding.opened\"").contains("\"at\":\"2026-11-22T08:00:00Z\"");
            assertThat(bodies).noneMatch(b -> b.contains("EXCEPTED"));
        }

        try (Store again = db.open()) {
            DiskSpool spool = new DiskSpool(dir.resolve("webhook"), 100);
            StoredFindingForwarder forwarder = new StoredFindingForwarder(again.findings(), spool, cursor, JSON,
                    m -> { });
            assertThat(forwarder.forward()).as("a second restart spools nothing new").isZero();
            assertThat(spool.size()).isZero();

            List<String> later = recordEvaluations(again, JSON, 0, 1);
            assertThat(forwarder.forward()).isEqualTo(later.size());
            assertThat(drain(spool)).containsExactlyElementsOf(later);
        }
    }

    @DatabaseTest
    void aSpoolFullInTheMiddleResumesWithoutLossOrRepeat(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("vg-findings-spool");
        Path cursor = dir.resolve("syslog.findings.cursor");
        Function<FindingEvent, String> cef = SyslogFormats::cef;
        List<String> log = new ArrayList<>();
        List<String> expected;
        List<String> delivered = new ArrayList<>();
        try (Store store = db.open()) {
            expected = recordEvaluations(store, cef, 0, 5);
            DiskSpool spool = new DiskSpool(dir.resolve("syslog"), 2);
            StoredFindingForwarder forwarder = new StoredFindingForwarder(store.findings(), spool, cursor, cef,
                    log::add);

            assertThat(forwarder.forward()).as("the spool takes 2").isEqualTo(2);
            assertThat(spool.refused()).isEqualTo(1);
            assertThat(log).singleElement().asString().startsWith("delivery spool full: finding events");
            assertThat(forwarder.forward()).as("still full: nothing spooled, nothing skipped").isZero();
            delivered.addAll(drain(spool));
            assertThat(forwarder.forward()).isEqualTo(2);
            delivered.addAll(drain(spool));
        }
        try (Store restarted = db.open()) {
            DiskSpool spool = new DiskSpool(dir.resolve("syslog"), 2);
            assertThat(new StoredFindingForwarder(restarted.findings(), spool, cursor, cef, m -> { }).forward())
                    .as("the rest after a restart").isEqualTo(2);
            delivered.addAll(drain(spool));
        }
        assertThat(delivered).containsExactlyElementsOf(expected);
        assertThat(delivered.get(0)).startsWith("CEF:0|VirtGuard|VirtGuard|0.1|finding.opened|");
    }

    @DatabaseTest
    void aCursorAheadOfANewDatabaseStartsOver(Store store) throws Exception {
        Path dir = Files.createTempDirectory("vg-findings-spool");
        Path cursor = dir.resolve("webhook.findings.cursor");
        Files.writeString(cursor, "500");
        List<String> expected = recordEvaluations(store, JSON, 0, 2);
        List<String> log = new ArrayList<>();
        DiskSpool spool = new DiskSpool(dir.resolve("webhook"), 100);

        StoredFindingForwarder forwarder = new StoredFindingForwarder(store.findings(), spool, cursor, JSON, log::add);

        assertThat(forwarder.forward()).isEqualTo(expected.size());
        assertThat(drain(spool)).containsExactlyElementsOf(expected);
        assertThat(log).singleElement().asString().contains("ahead of the store's finding events");
        assertThat(Files.readString(cursor)).isEqualTo(Long.toString(store.findings().lastChangeSeq()));
    }
}

package org.virtguard.service.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectType;
import org.virtguard.model.PowerState;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.server.delivery.DiskSpool;
import org.virtguard.service.config.RetentionConfig;
import org.virtguard.store.Store;
import org.virtguard.store.alerts.AlertStatus;
import org.virtguard.store.findings.FindingRepository;
import org.virtguard.store.flows.StoredFlowEdge;
import org.virtguard.store.response.ActionRequest;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.ResponseRepository;
import org.virtguard.store.retention.StoreRetention;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.SecurityStore;
import org.virtguard.store.testdb.DatabaseTest;

/**
 * The retention job on H2 and PostgreSQL: old and new data of every kind is seeded through the repositories, the job
 * runs once with a fixed clock, and only what is older than its kind's period is gone. What must survive whatever its
 * age survives: open alerts, open findings, pending actions, each VM's latest power-off (the dormant-VM guard reads
 * it), and the audit log, whose chain still verifies.
 */
class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(400));
    private static final Instant MIDDLE = NOW.minus(Duration.ofDays(60));
    private static final Instant RECENT = NOW.minus(Duration.ofDays(1));
    /** Alerts, findings, changes and actions kept 90 days; flow edges and spooled messages 30; sessions 7. */
    private static final RetentionConfig PERIODS = new RetentionConfig("30d", "90d", "90d", "90d", "90d", "7d", "30d");
    private static final int OLD_EDGES = StoreRetention.BATCH + 17;

    @TempDir
    Path temp;

    @DatabaseTest
    void deletesWhatIsOlderThanEachPeriodAndKeepsTheRestAndTheAuditLog(Store store) throws Exception {
        seedFlowEdges(store);
        seedAlerts(store);
        seedFindings(store.findings());
        seedInventory(store);
        long[] actions = seedResponseActions(store.responses());
        seedSessions(store.security());
        DiskSpool spool = seedSpool();
        for (int i = 0; i < 5; i++) {
            store.security().audit().append(new AuditRecord("alice", "login", "console", "ok", "192.0.2.1", "n" + i),
                    OLD.plus(Duration.ofDays(i)));
        }
        store.security().audit().append(new AuditRecord("bob", "login", "console", "ok", "192.0.2.2", null), RECENT);
        assertThat(store.security().audit().verify().valid()).isTrue();
        long auditBefore = store.security().audit().count();
        String headBefore = store.security().audit().verify().headHash();

        List<String> log = new ArrayList<>();
        RetentionJob job = new RetentionJob(store, RetentionJob.Periods.of(PERIODS),
                () -> List.of(spool::dropOlderThan), Clock.fixed(NOW, ZoneOffset.UTC), log::add);
        Map<String, Long> deleted = job.runOnce().orElseThrow();

        assertThat(deleted).containsEntry("flowEdges", OLD_EDGES + 1L).containsEntry("alerts", 1L)
                .containsEntry("responseActions", 2L).containsEntry("sessions", 1L)
                .containsEntry("deliverySpool", 2L);
        assertThat(store.flows().list("vm", OLD.minusSeconds(1), NOW)).extracting(StoredFlowEdge::minute)
                .containsExactly(RECENT);

        assertThat(store.alerts().find("closed-old")).as("closed and older than 90d").isEmpty();
        assertThat(store.alerts().find("closed-middle")).as("closed 60 days ago: alerts are kept 90d").isPresent();
        assertThat(store.alerts().find("open-old")).as("open alerts are kept whatever their age").isPresent();
        assertThat(store.alerts().find("closed-recent")).isPresent();

        List<String> history = store.findings().history("uuid-old").stream().map(f -> f.finding().checkId()).toList();
        assertThat(history).as("resolved 400 days ago").doesNotContain("CHK-RESOLVED-OLD")
                .as("open findings are kept").contains("CHK-OPEN-OLD");
        assertThat(store.findings().history("uuid-recent")).extracting(f -> f.finding().checkId())
                .contains("CHK-RESOLVED-RECENT");
        assertThat(store.findings().changesAfter(0, 100)).allMatch(c -> !c.evaluatedAt().isBefore(NOW.minus(
                Duration.ofDays(90)))).isNotEmpty();

        List<InventoryChange> changes = store.inventory().changes(Instant.EPOCH, 1000);
        assertThat(changes).filteredOn(c -> c.at().isBefore(NOW.minus(Duration.ofDays(90))))
                .as("only the VM's latest power-state change is older than the period")
                .extracting(InventoryChange::type, InventoryChange::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChangeType.POWER_STATE_CHANGED, "OFF"));
        assertThat(changes).anyMatch(c -> c.objectId().equals("lab:vm-new"));
        assertThat(store.inventory().lastPowerOff("lab:vm-old", Long.MAX_VALUE)).as("the dormant-VM guard still "
                + "knows since when the old VM is off").hasValueSatisfying(off -> assertThat(off.since())
                .isEqualTo(OLD.plus(Duration.ofDays(1))));

        assertThat(store.responses().find(actions[0])).as("executed 400 days ago").isEmpty();
        assertThat(store.responses().find(actions[1])).as("rejected 400 days ago").isEmpty();
        assertThat(store.responses().find(actions[2])).as("still pending").isPresent();
        assertThat(store.responses().find(actions[3])).as("executed yesterday").isPresent();

        assertThat(store.security().sessions().find("live", NOW)).isPresent();
        assertThat(store.retention().counts()).containsEntry("user_session", 2L);

        assertThat(spool.size()).isEqualTo(1);
        assertThat(spool.peek().orElseThrow().body()).isEqualTo("recent");

        assertThat(store.security().audit().count()).as("the audit log is never deleted").isEqualTo(auditBefore);
        assertThat(store.security().audit().verify().valid()).isTrue();
        assertThat(store.security().audit().verify().headHash()).isEqualTo(headBefore);

        assertThat(job.runOnce().orElseThrow().values()).as("a second run finds nothing more").allMatch(n -> n == 0);
    }

    @DatabaseTest
    void onlyOneReplicaLeadsAtATimeOnPostgres(Store store, org.virtguard.store.testdb.TestDatabase database) {
        StoreRetention retention = store.retention();
        try (StoreRetention.Leadership first = retention.tryLead().orElseThrow()) {
            Optional<StoreRetention.Leadership> second = retention.tryLead();
            if (database.isPostgres()) {
                assertThat(second).as("the advisory lock is held by the first leader").isEmpty();
                RetentionJob job = new RetentionJob(store, RetentionJob.Periods.of(PERIODS), List::of,
                        Clock.fixed(NOW, ZoneOffset.UTC), s -> { });
                assertThat(job.runOnce()).as("a replica without the lock skips the round").isEmpty();
            } else {
                second.orElseThrow().close();
            }
        }
        try (StoreRetention.Leadership again = retention.tryLead().orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }

    private static void seedFlowEdges(Store store) {
        List<StoredFlowEdge> edges = new ArrayList<>();
        for (int i = 0; i < OLD_EDGES; i++) {
            edges.add(new StoredFlowEdge(OLD.plusSeconds(60L * i), "vm", "a", "b", true, 1, 1, 100));
        }
        edges.add(new StoredFlowEdge(MIDDLE, "vm", "a", "b", true, 1, 1, 100));
        edges.add(new StoredFlowEdge(RECENT, "vm", "a", "b", true, 1, 1, 100));
        store.flows().add(edges);
    }

    private static void seedAlerts(Store store) {
        alert(store, "closed-old", OLD, true);
        alert(store, "closed-middle", MIDDLE, true);
        alert(store, "open-old", OLD, false);
        alert(store, "closed-recent", RECENT, true);
    }

    private static void alert(Store store, String key, Instant at, boolean close) {
        store.alerts().record(new Alert(key, "test.kind", Severity.HIGH, "alert " + key, null, null, at, at, 1,
                Map.of(), List.of()), at);
        if (close) {
            store.alerts().setStatus(key, AlertStatus.CLOSED, "done", at.plusSeconds(60));
        }
    }

    private static void seedFindings(FindingRepository findings) {
        Finding resolvedOld = finding("CHK-RESOLVED-OLD", "old", OLD);
        Finding openOld = finding("CHK-OPEN-OLD", "old", OLD);
        List<String> checks = List.of("CHK-RESOLVED-OLD", "CHK-OPEN-OLD", "CHK-RESOLVED-RECENT");
        findings.recordScan(List.of(resolvedOld, openOld), checks, OLD);
        findings.recordScan(List.of(openOld), checks, OLD.plus(Duration.ofDays(1)));
        Finding resolvedRecent = finding("CHK-RESOLVED-RECENT", "recent", RECENT.minusSeconds(3_600));
        findings.recordScan(List.of(openOld, resolvedRecent), checks, RECENT.minusSeconds(3_600));
        findings.recordScan(List.of(openOld), checks, RECENT);
    }

    private static Finding finding(String check, String vm, Instant at) {
        return new Finding(check, new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), CheckStatus.FAIL, Severity.HIGH,
                "title " + check, "message", Map.of(), List.of(), at);
    }

    private static void seedInventory(Store store) {
        VirtualMachine running = VirtualMachine.builder("lab:vm-old", "vm-old").powerState(PowerState.RUNNING)
                .build();
        store.inventory().applySync(List.of(snapshot(OLD, running)), List.of(), OLD);
        store.inventory().applyVm("lab", "lab:vm-old", Optional.of(VirtualMachine.builder("lab:vm-old", "vm-old")
                .powerState(PowerState.OFF).build()), OLD.plus(Duration.ofDays(1)));
        store.inventory().applyVm("lab", "lab:vm-old", Optional.of(VirtualMachine.builder("lab:vm-old", "vm-old")
                .powerState(PowerState.OFF).vcpus(4).build()), OLD.plus(Duration.ofDays(2)));
        VirtualMachine added = VirtualMachine.builder("lab:vm-new", "vm-new").powerState(PowerState.RUNNING).build();
        store.inventory().applyVm("lab", "lab:vm-new", Optional.of(added), RECENT);
    }

    private static InventorySnapshot snapshot(Instant at, VirtualMachine vm) {
        return new InventorySnapshot("lab", at, null, null, List.of(), List.of(vm), null, null, null);
    }

    private static long[] seedResponseActions(ResponseRepository responses) {
        long executedOld = action(responses, OLD);
        responses.decide(executedOld, ActionStatus.PENDING, ActionStatus.EXECUTING, "bob", null, OLD);
        responses.finish(executedOld, true, List.of("done"), OLD.plusSeconds(5));
        long rejectedOld = action(responses, OLD);
        responses.decide(rejectedOld, ActionStatus.PENDING, ActionStatus.REJECTED, "bob", "no", OLD.plusSeconds(9));
        long pendingOld = action(responses, OLD);
        long executedRecent = action(responses, RECENT);
        responses.decide(executedRecent, ActionStatus.PENDING, ActionStatus.EXECUTING, "bob", null, RECENT);
        responses.finish(executedRecent, true, List.of("done"), RECENT.plusSeconds(5));
        return new long[] {executedOld, rejectedOld, pendingOld, executedRecent};
    }

    private static long action(ResponseRepository responses, Instant at) {
        return responses.create(new ActionRequest("power-off", "lab:vm-old", "vm-old", "lab", Map.of(), true,
                List.of("power off vm-old"), null, "test", "alice", at, at.plus(Duration.ofDays(365))));
    }

    private static void seedSessions(SecurityStore security) {
        security.users().create("alice", Role.ADMIN, "hash", OLD);
        security.sessions().create("expired-long-ago", "alice", "csrf1", OLD, OLD.plus(Duration.ofHours(8)));
        security.sessions().create("expired-yesterday", "alice", "csrf2", RECENT.minusSeconds(3_600), RECENT);
        security.sessions().create("live", "alice", "csrf3", NOW.minusSeconds(60), NOW.plus(Duration.ofHours(8)));
    }

    private DiskSpool seedSpool() throws IOException {
        DiskSpool spool = new DiskSpool(temp.resolve("spool").resolve("siem"), 100);
        spool.offer("old-1");
        spool.offer("old-2");
        spool.offer("recent");
        List<Path> files;
        try (Stream<Path> list = Files.list(temp.resolve("spool").resolve("siem"))) {
            files = list.sorted().toList();
        }
        Files.setLastModifiedTime(files.get(0), FileTime.from(OLD));
        Files.setLastModifiedTime(files.get(1), FileTime.from(MIDDLE));
        Files.setLastModifiedTime(files.get(2), FileTime.from(RECENT));
        return spool;
    }
}

package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.store.Fixtures.host;
import static org.virtguard.store.Fixtures.network;
import static org.virtguard.store.Fixtures.nic;
import static org.virtguard.store.Fixtures.snapshot;
import static org.virtguard.store.Fixtures.t;
import static org.virtguard.store.Fixtures.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.testdb.DatabaseTest;

/**
 * An unchanged re-sync moves last-seen through its sources instead of rewriting object rows; what the
 * store reports must be the same as if every row had been rewritten.
 */
class UnchangedResyncTest {

    private static final String A = "test:///a.xml";
    private static final String B = "test:///b.xml";
    private static final Host KVM01 = host(A, "h-kvm01", "kvm01");
    private static final Host KVM02 = host(B, "h-kvm02", "kvm02");
    private static final Network DEFAULT = network(KVM01.id(), "default");
    private static final Network PROD = network(KVM01.id(), "prod");
    private static final VirtualMachine WEB01 = vm("vm-web01", "web01", KVM01.id(),
            nic("vm-web01", "52:54:00:00:00:01", "default"));
    private static final VirtualMachine WEB02 = vm("vm-web02", "web02", KVM01.id(),
            nic("vm-web02", "52:54:00:00:00:02", "default"), nic("vm-web02", "52:54:00:00:00:03", "prod"));
    private static final VirtualMachine DB01 = vm("vm-db01", "db01", KVM02.id(),
            nic("vm-db01", "52:54:00:00:00:04", "prod"));
    private static final List<String> OBJECT_TABLES = List.of("inv_host", "inv_host_doc", "inv_network",
            "inv_network_doc", "inv_vm", "inv_vm_doc", "inv_nic", "inv_nic_doc");

    private static InventorySnapshot hostA(Instant at, List<Network> networks, VirtualMachine... vms) {
        return snapshot(A, at, List.of(KVM01), networks, List.of(vms));
    }

    private static InventorySnapshot hostB(Instant at) {
        return snapshot(B, at, List.of(KVM02), List.of(), List.of(DB01));
    }

    private static SyncOutcome syncBoth(Store store, Instant at) {
        return store.inventory().applySync(List.of(hostA(at, List.of(DEFAULT, PROD), WEB01, WEB02), hostB(at)),
                List.of(), at);
    }

    @DatabaseTest
    void unchangedResyncWritesNoObjectRowsReportsNoChangesAndMovesLastSeen(Store store) {
        syncBoth(store, t(0));
        Map<String, List<Map<String, Object>>> before = objectRows(store);

        SyncOutcome again = syncBoth(store, t(5));

        assertThat(again.changes()).isEmpty();
        assertThat(again.written()).isZero();
        assertThat(again.unchanged()).isEqualTo(2 + 2 + 3);
        assertThat(objectRows(store)).as("object and document rows").isEqualTo(before);
        InventoryRepository inv = store.inventory();
        assertThat(inv.changes(null, 100)).hasSize(2 + 2 + 3);
        assertThat(inv.vms()).hasSize(3).allSatisfy(v -> {
            assertThat(v.lastSeen()).isEqualTo(t(5));
            assertThat(v.firstSeen()).isEqualTo(t(0));
        });
        assertThat(inv.nics()).hasSize(4).allSatisfy(n -> assertThat(n.lastSeen()).isEqualTo(t(5)));
        assertThat(inv.hosts()).hasSize(2).allSatisfy(h -> assertThat(h.lastSeen()).isEqualTo(t(5)));
        assertThat(inv.networks()).hasSize(2).allSatisfy(n -> assertThat(n.lastSeen()).isEqualTo(t(5)));
        assertThat(inv.sources()).extracting(SourceState::lastSuccessfulSync).containsOnly(t(5));
    }

    @DatabaseTest
    void objectsRemovedAfterUnchangedResyncsKeepTheTimeTheyWereLastSeen(Store store) {
        syncBoth(store, t(0));
        syncBoth(store, t(5));

        store.inventory().applySync(List.of(hostA(t(7), List.of(DEFAULT), WEB01)), List.of(), t(7));

        assertThat(rowTimes(store, "inv_vm", "vm-web02")).containsExactly(t(5), t(7));
        assertThat(rowTimes(store, "inv_nic", WEB02.nics().get(0).id())).containsExactly(t(5), t(7));
        assertThat(rowTimes(store, "inv_network", PROD.id())).containsExactly(t(5), t(7));
        assertThat(rowTimes(store, "inv_vm", "vm-web01")).containsExactly(t(0), null);
        assertThat(store.inventory().findVm("web01").orElseThrow().lastSeen()).isEqualTo(t(7));
        assertThat(store.inventory().findVm("db01").orElseThrow().lastSeen()).as("source B not synced")
                .isEqualTo(t(5));

        store.inventory().applySync(List.of(hostA(t(9), List.of(DEFAULT), WEB01, WEB02)), List.of(), t(9));
        StoredVm back = store.inventory().findVm("web02").orElseThrow();
        assertThat(back.firstSeen()).isEqualTo(t(0));
        assertThat(back.lastSeen()).isEqualTo(t(9));
    }

    @DatabaseTest
    void vmUndefinedByAnEventAfterAnUnchangedResyncKeepsTheTimeItWasLastSeen(Store store) {
        syncBoth(store, t(0));
        syncBoth(store, t(5));

        store.inventory().applyVm(A, "vm-web01", Optional.empty(), t(6));

        assertThat(rowTimes(store, "inv_vm", "vm-web01")).containsExactly(t(5), t(6));
        assertThat(rowTimes(store, "inv_nic", WEB01.nics().get(0).id())).containsExactly(t(5), t(6));
        assertThat(store.inventory().findVm("web02").orElseThrow().lastSeen()).isEqualTo(t(5));
    }

    @DatabaseTest
    void aSyncStampedEarlierNeverMovesLastSeenBack(Store store) {
        syncBoth(store, t(0));
        syncBoth(store, t(5));

        syncBoth(store, t(3));

        assertThat(store.inventory().vms()).allSatisfy(v -> assertThat(v.lastSeen()).isEqualTo(t(5)));
        assertThat(store.inventory().nics()).allSatisfy(n -> assertThat(n.lastSeen()).isEqualTo(t(5)));
    }

    /** Every row of the object and document tables, by table, in id order. */
    private static Map<String, List<Map<String, Object>>> objectRows(Store store) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        store.jdbi().useHandle(h -> OBJECT_TABLES.forEach(table -> rows.put(table,
                h.createQuery("SELECT * FROM " + table + " ORDER BY id").mapToMap().list())));
        return rows;
    }

    /** The stored last_seen and removed_at columns of one row. */
    private static List<Instant> rowTimes(Store store, String table, String id) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT last_seen, removed_at FROM " + table
                        + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> {
                    List<Instant> times = new ArrayList<>();
                    times.add(Sql.instant(rs, "last_seen"));
                    times.add(Sql.instant(rs, "removed_at"));
                    return times;
                })
                .one());
    }
}

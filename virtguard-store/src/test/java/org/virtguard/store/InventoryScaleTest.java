package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.virtguard.store.Fixtures.t;

import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.ChangeType;
import org.virtguard.model.Host;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectType;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.testdb.DatabaseTest;

/** A generated inventory of moderate size: counts and change detection, no timing. */
class InventoryScaleTest {

    private static final int HOSTS = 20;
    private static final int VMS = 2_000;

    @DatabaseTest
    void generatedInventorySyncsAndResyncsWithoutChanges(Store store) {
        InventorySnapshot snapshot = new InventoryGenerator(42).snapshot("gen", HOSTS, VMS, t(0));
        int nics = snapshot.vms().stream().mapToInt(v -> v.nics().size()).sum();
        InventoryRepository inv = store.inventory();

        SyncOutcome first = inv.applySync(List.of(snapshot), List.of(), t(0));

        int networks = HOSTS * InventoryGenerator.NETWORK_NAMES.size();
        assertThat(first.changes()).hasSize(HOSTS + networks + VMS)
                .allSatisfy(c -> assertThat(c.type()).isEqualTo(ChangeType.CREATED));
        assertThat(inv.vms()).hasSize(VMS);
        assertThat(inv.nics()).hasSize(nics);
        assertThat(nics).isBetween(VMS, 3 * VMS);
        assertThat(inv.hosts()).hasSize(HOSTS);
        assertThat(inv.networks()).hasSize(networks);

        InventorySnapshot again = new InventoryGenerator(42).snapshot("gen", HOSTS, VMS, t(1));
        SyncOutcome resync = inv.applySync(List.of(again), List.of(), t(1));
        assertThat(resync.changes()).isEmpty();
        assertThat(resync.unchanged()).isEqualTo(HOSTS + networks + VMS);
        assertThat(inv.nics()).allSatisfy(n -> assertThat(n.lastSeen()).isEqualTo(t(1)));

        List<VirtualMachine> vms = new ArrayList<>(again.vms());
        String otherHost = again.hosts().stream().map(Host::id).filter(id -> !id.equals(vms.get(7).hostId()))
                .findFirst().orElseThrow();
        vms.set(7, vms.get(7).toBuilder().hostId(otherHost).build());
        vms.remove(100);
        InventorySnapshot third = new InventorySnapshot("gen", t(2), List.of(), List.of(), again.hosts(), vms,
                again.networks(), List.of(), List.of());
        assertThat(inv.applySync(List.of(third), List.of(), t(2)).changes())
                .extracting(InventoryChange::type, InventoryChange::objectType)
                .containsExactlyInAnyOrder(tuple(ChangeType.MOVED_HOST, ObjectType.VM),
                        tuple(ChangeType.REMOVED, ObjectType.VM));
    }
}

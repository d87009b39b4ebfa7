package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.virtguard.store.Fixtures.host;
import static org.virtguard.store.Fixtures.network;
import static org.virtguard.store.Fixtures.nic;
import static org.virtguard.store.Fixtures.snapshot;
import static org.virtguard.store.Fixtures.t;
import static org.virtguard.store.Fixtures.vm;

import java.time.Instant;
import java.util.List;

import org.virtguard.model.ChangeType;
import org.virtguard.model.Host;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.testdb.DatabaseTest;

class InventoryQueryTest {

    private static final String SRC = "libvirt-dir:///lab";
    private static final Host KVM01 = host(SRC, "h-kvm01", "kvm01");
    private static final Host KVM02 = host(SRC, "h-kvm02", "kvm02");

    private static InventorySnapshot lab(Instant at, VirtualMachine... vms) {
        return snapshot(SRC, at, List.of(KVM01, KVM02), List.of(network(KVM01.id(), "default")), List.of(vms));
    }

    @DatabaseTest
    void changesSinceAreFilteredInclusivelyAndLimitedInIdOrder(Store store) {
        InventoryRepository inv = store.inventory();
        VirtualMachine web = vm("vm-1", "web01", KVM01.id());
        inv.applySync(List.of(lab(t(0), web)), List.of(), t(0));
        inv.applySync(List.of(lab(t(10), web.toBuilder().powerState(PowerState.OFF).build())), List.of(), t(10));
        inv.applySync(List.of(lab(t(20), web.toBuilder().powerState(PowerState.PAUSED).build())), List.of(), t(20));

        List<InventoryChange> all = inv.changes(null, 100);
        assertThat(all).hasSize(3 + 1 + 1 + 1).extracting(InventoryChange::id).isSorted();
        assertThat(inv.changes(t(10), 100)).extracting(InventoryChange::type, InventoryChange::newValue)
                .containsExactly(tuple(ChangeType.POWER_STATE_CHANGED, "OFF"),
                        tuple(ChangeType.POWER_STATE_CHANGED, "PAUSED"));
        assertThat(inv.changes(t(10).plusNanos(1000), 100)).extracting(InventoryChange::newValue)
                .containsExactly("PAUSED");
        assertThat(inv.changes(t(21), 100)).isEmpty();
        assertThat(inv.changes(null, 2)).isEqualTo(all.subList(0, 2));
        assertThat(all).extracting(InventoryChange::at).isSorted();
        assertThatThrownBy(() -> inv.changes(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @DatabaseTest
    void findVmByIdByNameAndAmbiguousName(Store store) {
        InventoryRepository inv = store.inventory();
        inv.applySync(List.of(lab(t(0), vm("vm-1", "web01", KVM01.id()), vm("vm-2", "web", KVM01.id()),
                vm("vm-3", "web", KVM02.id()), vm("web", "named-like-an-id", KVM02.id()))), List.of(), t(0));

        assertThat(inv.findVm("vm-1")).map(v -> v.vm().name()).contains("web01");
        assertThat(inv.findVm("web01")).map(v -> v.vm().id()).contains("vm-1");
        assertThat(inv.findVm("web").orElseThrow().vm().id()).as("an exact id wins over names").isEqualTo("web");
        assertThat(inv.findVm("nope")).isEmpty();
        inv.applySync(List.of(lab(t(1), vm("vm-1", "web01", KVM01.id()), vm("vm-2", "web", KVM01.id()),
                vm("vm-3", "web", KVM02.id()))), List.of(), t(1));
        assertThatThrownBy(() -> inv.findVm("web"))
                .isInstanceOfSatisfying(AmbiguousNameException.class, e -> {
                    assertThat(e.candidateIds()).containsExactly("vm-2", "vm-3");
                    assertThat(e.getMessage()).contains("vm-2, vm-3").contains("'web'");
                });
    }

    @DatabaseTest
    void nicsAndNetworksCarryTheirRecordsAndHistory(Store store) {
        InventoryRepository inv = store.inventory();
        VirtualMachine web = vm("vm-1", "web01", KVM01.id(), nic("vm-1", "52:54:00:00:00:01", "default"),
                nic("vm-1", "52:54:00:00:00:02", "prod"));
        inv.applySync(List.of(lab(t(0), web)), List.of(), t(0));

        assertThat(inv.nics()).extracting(StoredNic::nic).containsExactlyElementsOf(web.nics());
        assertThat(inv.nics()).allSatisfy(n -> {
            assertThat(n.sourceId()).isEqualTo(SRC);
            assertThat(n.firstSeen()).isEqualTo(t(0));
        });
        assertThat(inv.networks()).singleElement().satisfies(n -> {
            assertThat(n.network()).isEqualTo(network(KVM01.id(), "default"));
            assertThat(n.sourceId()).isEqualTo(SRC);
        });
        assertThat(inv.hosts()).extracting(StoredHost::host).containsExactly(KVM01, KVM02);
    }

    @DatabaseTest
    void emptyStoreAnswersEmpty(Store store) {
        InventoryRepository inv = store.inventory();
        assertThat(inv.hosts()).isEmpty();
        assertThat(inv.vms()).isEmpty();
        assertThat(inv.nics()).isEmpty();
        assertThat(inv.networks()).isEmpty();
        assertThat(inv.changes(null, 10)).isEmpty();
        assertThat(inv.sources()).isEmpty();
        assertThat(inv.findVm("x")).isEmpty();
        assertThat(inv.applySync(List.of(), List.of(), t(0)).changes()).isEmpty();
    }
}

package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.virtguard.store.Fixtures.host;
import static org.virtguard.store.Fixtures.nic;
import static org.virtguard.store.Fixtures.snapshot;
import static org.virtguard.store.Fixtures.t;
import static org.virtguard.store.Fixtures.vm;

import java.util.List;
import java.util.Optional;

import org.virtguard.model.ChangeType;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Host;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.ObjectType;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.testdb.DatabaseTest;

class VmEventTest {

    private static final String SRC = "qemu+ssh://kvm01/system";
    private static final Host KVM01 = host(SRC, "h-kvm01", "kvm01");
    private static final VirtualMachine WEB01 = vm("vm-web01", "web01", KVM01.id(),
            nic("vm-web01", "52:54:00:00:00:01", "default"));
    private static final VirtualMachine APP01 = vm("vm-app01", "app01", KVM01.id(),
            nic("vm-app01", "52:54:00:00:00:02", "default"));

    private static InventoryRepository synced(Store store) {
        store.inventory().applySync(List.of(snapshot(SRC, t(0), List.of(KVM01), List.of(), List.of(WEB01, APP01))),
                List.of(), t(0));
        return store.inventory();
    }

    @DatabaseTest
    void singleVmUpdateLogsItsChangesOnly(Store store) {
        InventoryRepository inv = synced(store);
        VirtualMachine stopped = WEB01.toBuilder().powerState(PowerState.OFF).vcpus(4).build();

        List<InventoryChange> changes = inv.applyVm(SRC, "vm-web01", Optional.of(stopped), t(1));

        assertThat(changes).extracting(InventoryChange::type, InventoryChange::field, InventoryChange::oldValue,
                        InventoryChange::newValue)
                .containsExactly(tuple(ChangeType.POWER_STATE_CHANGED, null, "RUNNING", "OFF"),
                        tuple(ChangeType.SETTING_CHANGED, "vcpus", "2", "4"));
        assertThat(changes).extracting(InventoryChange::id).allSatisfy(id -> assertThat(id).isPositive());
        assertThat(inv.changes(t(1), 10)).isEqualTo(changes);
        StoredVm web01 = inv.findVm("web01").orElseThrow();
        assertThat(web01.vm()).isEqualTo(stopped);
        assertThat(web01.lastSeen()).isEqualTo(t(1));
        assertThat(inv.findVm("app01").orElseThrow().lastSeen()).as("other VMs untouched").isEqualTo(t(0));
        assertThat(inv.applyVm(SRC, "vm-web01", Optional.of(stopped), t(2))).isEmpty();
        assertThat(inv.findVm("web01").orElseThrow().lastSeen()).isEqualTo(t(2));
        assertThat(inv.nics()).filteredOn(n -> n.nic().vmId().equals("vm-web01"))
                .singleElement().extracting(StoredNic::lastSeen).isEqualTo(t(2));
    }

    @DatabaseTest
    void undefineRemovesTheVmAndItsNics(Store store) {
        InventoryRepository inv = synced(store);

        List<InventoryChange> changes = inv.applyVm(SRC, "vm-web01", Optional.empty(), t(1));

        assertThat(changes).extracting(InventoryChange::type, InventoryChange::objectType, InventoryChange::objectId)
                .containsExactly(tuple(ChangeType.REMOVED, ObjectType.VM, "vm-web01"));
        assertThat(inv.findVm("web01")).isEmpty();
        assertThat(inv.nics()).extracting(n -> n.nic().vmId()).containsExactly("vm-app01");
        assertThat(inv.applyVm(SRC, "vm-web01", Optional.empty(), t(2))).as("idempotent").isEmpty();
        assertThat(inv.applyVm("other-source", "vm-app01", Optional.empty(), t(2)))
                .as("only the VM's own source can undefine it").isEmpty();
        assertThat(inv.findVm("app01")).isPresent();
    }

    @DatabaseTest
    void newVmFromAnEventIsCreatedAndUnknownUndefineIsIgnored(Store store) {
        InventoryRepository inv = synced(store);
        VirtualMachine db01 = vm("vm-db01", "db01", KVM01.id(), nic("vm-db01", "52:54:00:00:00:03", "prod"));

        assertThat(inv.applyVm(SRC, "vm-db01", Optional.of(db01), t(1)))
                .extracting(InventoryChange::type).containsExactly(ChangeType.CREATED);
        assertThat(inv.nics()).hasSize(3);
        assertThat(inv.applyVm(SRC, "vm-never", Optional.empty(), t(1))).isEmpty();
        assertThatThrownBy(() -> inv.applyVm(SRC, "vm-x", Optional.of(db01), t(1)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @DatabaseTest
    void liveFeedLossAndRecoveryAreLoggedOnce(Store store) {
        InventoryRepository inv = synced(store);

        inv.markStale(SRC, "libvirt connection closed", t(1));
        inv.markStale(SRC, "libvirt connection closed", t(2));
        assertThat(inv.findVm("web01").orElseThrow().stale()).isTrue();
        assertThat(inv.sources()).singleElement().satisfies(s -> {
            assertThat(s.stale()).isTrue();
            assertThat(s.staleSince()).isEqualTo(t(1));
            assertThat(s.lastErrorCode()).isEqualTo(ErrorCode.CONNECTION_LOST);
        });
        inv.markRecovered(SRC, t(3));
        inv.markRecovered(SRC, t(4));

        assertThat(inv.changes(t(1), 10)).extracting(InventoryChange::type, InventoryChange::objectType,
                        InventoryChange::at)
                .containsExactly(tuple(ChangeType.SOURCE_STALE, ObjectType.SOURCE, t(1)),
                        tuple(ChangeType.SOURCE_RECOVERED, ObjectType.SOURCE, t(3)));
        assertThat(inv.findVm("web01").orElseThrow().stale()).isFalse();
        assertThat(inv.sources()).singleElement().satisfies(s -> assertThat(s.lastSuccessfulSync()).isEqualTo(t(0)));
    }

    @DatabaseTest
    void markStaleOfAnUnknownSourceRegistersIt(Store store) {
        store.inventory().markStale("new-source", "unreachable", t(0));
        assertThat(store.inventory().sources()).extracting(SourceState::id, SourceState::stale,
                SourceState::lastSuccessfulSync).containsExactly(tuple("new-source", true, null));
    }
}

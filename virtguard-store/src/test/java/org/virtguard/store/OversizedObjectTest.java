package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.store.Fixtures.host;
import static org.virtguard.store.Fixtures.nic;
import static org.virtguard.store.Fixtures.snapshot;
import static org.virtguard.store.Fixtures.t;
import static org.virtguard.store.Fixtures.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.virtguard.model.CollectionWarning;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.testdb.DatabaseTest;

/**
 * One hostile object in a source (issue 14, item 8): a VM with a 5,000-character name once failed the whole sync
 * ("Value too long for column name VARCHAR(1024)") and none of the source's VMs synced. Now the store holds every
 * object to the {@link ObjectLimits} its columns are sized to: the name is cut, an object whose id cannot be stored
 * is skipped, and the rest of the source syncs, on H2 and on PostgreSQL.
 */
class OversizedObjectTest {

    private static final String SRC = "libvirt-dir:///dumps/kvm07";
    private static final Host KVM07 = host(SRC, "h-kvm07", "kvm07");
    private static final String LONG_NAME = "n".repeat(4990) + "-evil";

    @DatabaseTest
    void aVmWithAFiveThousandCharacterNameIsCutAndTheOtherVmsSync(Store store) {
        VirtualMachine evil = vm("vm-evil", LONG_NAME, KVM07.id(), nic("vm-evil", "x".repeat(200), "default"))
                .toBuilder().annotation("a".repeat(100_000)).label("k".repeat(300), "v")
                .label("owner", "o".repeat(5000)).build();
        VirtualMachine hugeId = vm("i".repeat(2000), "huge-id", KVM07.id());
        List<VirtualMachine> vms = new ArrayList<>(List.of(evil, hugeId));
        for (int i = 0; i < 5; i++) {
            vms.add(vm("vm-ok-" + i, "ok-" + i, KVM07.id(), nic("vm-ok-" + i, "52:54:00:00:07:0" + i, "default")));
        }

        SyncOutcome outcome = store.inventory().applySync(List.of(snapshot(SRC, t(0), List.of(KVM07), List.of(),
                vms)), List.of(), t(0));

        assertThat(outcome.syncedSources()).containsExactly(SRC);
        assertThat(store.inventory().vms()).extracting(v -> v.vm().id())
                .containsExactlyInAnyOrder("vm-evil", "vm-ok-0", "vm-ok-1", "vm-ok-2", "vm-ok-3", "vm-ok-4");
        VirtualMachine stored = store.inventory().findVm("vm-evil").orElseThrow().vm();
        assertThat(stored.name()).hasSize(ObjectLimits.MAX_NAME).isEqualTo(LONG_NAME.substring(0, 1024));
        assertThat(stored.annotation()).hasSize(ObjectLimits.MAX_DESCRIPTION);
        assertThat(stored.labels()).containsOnlyKeys("owner");
        assertThat(stored.labels().get("owner")).hasSize(ObjectLimits.MAX_LABEL_VALUE);
        assertThat(stored.nics()).singleElement().satisfies(n -> assertThat(n.mac()).isNull());
        assertThat(store.inventory().nics()).hasSize(6);
    }

    @DatabaseTest
    void aLiveUpdateWithAnOversizedNameIsCutToo(Store store) {
        VirtualMachine ok = vm("vm-ok", "ok", KVM07.id());
        store.inventory().applySync(List.of(snapshot(SRC, t(0), List.of(KVM07), List.of(), List.of(ok))), List.of(),
                t(0));

        store.inventory().applyVm(SRC, "vm-ok", Optional.of(ok.toBuilder().name(LONG_NAME).build()), t(1));

        assertThat(store.inventory().findVm("vm-ok").orElseThrow().vm().name()).hasSize(ObjectLimits.MAX_NAME);
    }

    @DatabaseTest
    void theWarningsNameTheSourceTheObjectTheFieldItsLengthAndTheLimit(Store store) {
        InventorySnapshot bounded = ObjectLimits.apply(snapshot(SRC, t(0), List.of(KVM07), List.of(),
                List.of(vm("vm-evil", LONG_NAME, KVM07.id()), vm("i".repeat(2000), "huge-id", KVM07.id()),
                        vm("vm-ok", "ok", KVM07.id()))));

        assertThat(bounded.vms()).extracting(VirtualMachine::id).containsExactly("vm-evil", "vm-ok");
        assertThat(bounded.warnings()).extracting(w -> w.object() + ": " + w.message()).containsExactly(
                "VM vm-evil (" + "n".repeat(60) + "... [4995 characters]): source " + SRC
                        + ": name is 4995 characters, the limit is 1024; cut to 1024 characters",
                "VM " + "i".repeat(60) + "... [2000 characters] (huge-id): source " + SRC
                        + ": VM skipped: id is 2000 characters, the limit is 1024");
        assertThat(bounded.warnings()).extracting(CollectionWarning::code)
                .containsOnly(org.virtguard.model.ErrorCode.INPUT_TOO_LARGE);
        store.inventory().applySync(List.of(bounded), List.of(), t(0));
        assertThat(store.inventory().vms()).hasSize(2);
        InventorySnapshot fine = snapshot(SRC, t(0), List.of(KVM07), List.of(), List.of(vm("vm-ok", "ok",
                KVM07.id())));
        assertThat(ObjectLimits.apply(fine)).isSameAs(fine);
    }
}

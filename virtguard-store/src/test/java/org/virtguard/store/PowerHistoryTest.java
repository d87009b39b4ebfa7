package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.store.Fixtures.T0;
import static org.virtguard.store.Fixtures.host;
import static org.virtguard.store.Fixtures.snapshot;
import static org.virtguard.store.Fixtures.vm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.virtguard.model.ChangeType;
import org.virtguard.model.Host;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.testdb.DatabaseTest;

class PowerHistoryTest {

    private static final Host KVM = host("kvm", "libvirt:kvm", "kvm");

    private static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    private static InventoryChange sync(InventoryRepository inv, Instant at, PowerState state) {
        VirtualMachine legacy = vm("vm-legacy", "legacy01", KVM.id()).toBuilder().powerState(state).build();
        List<InventoryChange> changes = inv.applySync(List.of(snapshot("kvm", at, List.of(KVM), List.of(),
                List.of(legacy))), List.of(), at).changes();
        return changes.stream().filter(c -> c.type() == ChangeType.POWER_STATE_CHANGED).findFirst().orElse(null);
    }

    @DatabaseTest
    void offSinceFirstSightingIsALowerBoundThenTheLoggedTransitionCounts(Store store) {
        InventoryRepository inv = store.inventory();
        sync(inv, day(0), PowerState.OFF);
        InventoryChange firstPowerOn = sync(inv, day(40), PowerState.RUNNING);
        assertThat(inv.lastPowerOff("vm-legacy", firstPowerOn.id()))
                .contains(new PowerOffRecord(day(0), true));

        InventoryChange off = sync(inv, day(41), PowerState.OFF);
        InventoryChange secondPowerOn = sync(inv, day(100), PowerState.RUNNING);
        assertThat(inv.lastPowerOff("vm-legacy", secondPowerOn.id()))
                .contains(new PowerOffRecord(off.at(), false));
        assertThat(inv.lastPowerOff("vm-legacy", off.id())).as("history before the second off")
                .isEmpty();
        assertThat(inv.lastPowerOff("no-such-vm", secondPowerOn.id())).isEmpty();
    }
}

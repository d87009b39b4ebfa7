package org.virtguard.service.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.ConnectionState;
import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.service.sync.LiveInventoryUpdater;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmEvent;
import org.virtguard.store.Store;

/**
 * A real PostgreSQL outage: a VM destroyed and started again while the server is stopped, and an alert raised
 * meanwhile, reach the store after it is started again, with their original times and in order.
 */
class LiveUpdatesDuringOutageTest {

    private static final String SOURCE = "lab";
    private static final String VM_ID = "vm-canary";
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path temp;

    private final List<InventoryChange> sunk = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void eventsDuringAnOutageAreAppliedInOrderWithTheirTimesWhenTheStoreIsBack() throws Exception {
        try (PostgresOutage pg = PostgresOutage.create();
             Store store = Store.open(pg.config());
             ScriptedConnector connector = new ScriptedConnector()) {
            store.inventory().applySync(List.of(connector.collect()), List.of(), T0);
            DurableSettings settings = new DurableSettings(1, 1 << 20, Duration.ofMillis(200));
            try (DurableWrites writes = new DurableWrites(store, temp.resolve("outage"), settings, sunk::addAll,
                    log::add);
                 LiveInventoryUpdater updater = new LiveInventoryUpdater(store.inventory(), writes, Clock.systemUTC(),
                         log::add)) {
                assertThat(updater.follow(connector)).isTrue();
                pg.stop();
                try {
                    Instant off = T0.plusSeconds(60);
                    Instant on = T0.plusSeconds(90);
                    connector.power(PowerState.OFF, off);
                    awaitPending(writes, 1); // the updater re-read the VM while it was off
                    connector.power(PowerState.RUNNING, on);
                    awaitPending(writes, 2);
                    writes.alert(new Alert("vm.dormant|" + VM_ID, "vm.dormant", Severity.HIGH, "dormant VM started",
                            null, null, on, on, 1, Map.of(), List.of()), on);
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (writes.storeAvailable() && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(writes.storeAvailable()).isFalse();
                    Thread.sleep(500);
                    assertThat(writes.pending()).isEqualTo(3);
                    assertThat(writes.spilledToDisk()).isGreaterThanOrEqualTo(1);
                    assertThat(sunk).isEmpty();
                } finally {
                    pg.start();
                }
                assertThat(writes.awaitWritten(Duration.ofSeconds(30))).as("log: %s", log).isTrue();
                assertThat(writes.storeAvailable()).isTrue();
                assertThat(writes.outages()).isEqualTo(1);
            }
            List<InventoryChange> power = store.inventory().changes(null, 1000).stream()
                    .filter(c -> c.type() == ChangeType.POWER_STATE_CHANGED && c.objectId().equals(VM_ID)).toList();
            assertThat(power).extracting(InventoryChange::newValue).containsExactly("OFF", "RUNNING");
            assertThat(power).extracting(InventoryChange::at)
                    .containsExactly(T0.plusSeconds(60), T0.plusSeconds(90));
            assertThat(sunk).filteredOn(c -> c.type() == ChangeType.POWER_STATE_CHANGED)
                    .extracting(InventoryChange::newValue).containsExactly("OFF", "RUNNING");
            assertThat(store.alerts().find("vm.dormant|" + VM_ID)).isPresent();
            assertThat(log).filteredOn(l -> l.startsWith("store unreachable")).hasSize(1);
            assertThat(log).anyMatch(l -> l.startsWith("store outage backlog written: 3"));
        }
    }

    private static void awaitPending(DurableWrites writes, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (writes.pending() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(writes.pending()).isGreaterThanOrEqualTo(n);
    }

    /** A source whose one VM changes power state when the test says so, raising a live event each time. */
    private static final class ScriptedConnector implements InventoryConnector {
        private final Host host = new Host("libvirt:kvm-a", SOURCE, "kvm-a", Platform.LIBVIRT, HypervisorKind.KVM,
                "QEMU", "8.2.0", "8.2.0", Map.of(), List.of("192.0.2.10"),
                new HostHardware("EPYC", 1, 8, 2, 16, 2400, 64L << 30, 1), null, null, ConnectionState.CONNECTED,
                Map.of());
        private volatile VirtualMachine vm = vm(PowerState.RUNNING);
        private volatile InventoryChangeListener listener;

        private static VirtualMachine vm(PowerState power) {
            return VirtualMachine.builder(VM_ID, "canary").hostId("libvirt:kvm-a").powerState(power).vcpus(1)
                    .memoryBytes(1L << 30).build();
        }

        void power(PowerState state, Instant at) {
            vm = vm(state);
            listener.vmChanged(new VmEvent(SOURCE, VM_ID, "canary",
                    state == PowerState.OFF ? VmEvent.Kind.STOPPED : VmEvent.Kind.STARTED, null, at));
        }

        @Override
        public SourceSpec source() {
            return new SourceSpec(SOURCE, "test:///", Map.of());
        }

        @Override
        public InventorySnapshot collect() {
            return new InventorySnapshot(SOURCE, T0, List.of(), List.of(), List.of(host), List.of(vm), List.of(),
                    List.of(), List.of());
        }

        @Override
        public Optional<VirtualMachine> collectVm(String vmId) {
            return vmId.equals(VM_ID) ? Optional.of(vm) : Optional.empty();
        }

        @Override
        public Optional<LiveFeed> watch(InventoryChangeListener l) {
            this.listener = l;
            return Optional.of(new LiveFeed() {
                @Override
                public boolean connected() {
                    return true;
                }

                @Override
                public void close() {
                }
            });
        }

        @Override
        public void close() {
        }
    }
}

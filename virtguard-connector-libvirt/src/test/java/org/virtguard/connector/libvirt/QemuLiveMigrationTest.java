package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.VmEvent;

/**
 * A real live migration between two libvirt daemons on this machine (the shared one and a {@link LibvirtPeer} with its
 * own host UUID, in its own network and mount namespaces): QEMU moves the running guest's state over TCP, and VirtGuard
 * sees it on both sides through the live feeds (a migrated stop on the source, a migrated start on the destination),
 * and the destination's inventory has the guest running on the peer's host. This is the real event the migration
 * guard acts on. Both daemons report this machine's host name, so the peer's source declares the peer's
 * {@code host_uuid} (option {@code host-uuid}) for the host identity to rest on that UUID.
 */
class QemuLiveMigrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long VIR_MIGRATE_LIVE = 1;

    @Test
    void aLiveMigrationToASecondDaemonIsSeenOnBothSides() throws Exception {
        try (QemuHost qemu = QemuHost.require("migrate");
             LibvirtPeer peer = LibvirtPeer.start(qemu);
             LibvirtConnector here = qemu.openConnector("qemu-here", Map.of());
             LibvirtConnector there = LibvirtConnector.open(new org.virtguard.spi.SourceSpec("qemu-peer", peer.uri(),
                     Map.of("host-uuid", peer.hostUuid())), org.virtguard.spi.Credentials.none())) {
            QemuHost.Guest g = qemu.define("vm");
            qemu.start(g);
            RecordingListener onSource = new RecordingListener();
            RecordingListener onDestination = new RecordingListener();
            try (LiveFeed a = here.watch(onSource).orElseThrow(); LiveFeed b = there.watch(onDestination).orElseThrow()) {
                qemu.run(c -> {
                    Connect destination = new Connect(peer.uri());
                    try {
                        Domain d = c.domainLookupByName(g.name());
                        return d.migrate(destination, VIR_MIGRATE_LIVE, null, peer.migrationUri(), 0);
                    } finally {
                        destination.close();
                    }
                });

                VmEvent left = onSource.awaitEvent(e -> e.vmId().equals(g.uuid())
                        && e.kind() == VmEvent.Kind.MIGRATED, WAIT);
                assertThat(left.detail()).isEqualTo("STOPPED_MIGRATED");
                VmEvent arrived = onDestination.awaitEvent(e -> e.vmId().equals(g.uuid())
                        && e.kind() == VmEvent.Kind.MIGRATED, WAIT);
                assertThat(arrived.detail()).isEqualTo("STARTED_MIGRATED");
            }
            assertThat(here.collectVm(g.uuid()).orElseThrow().powerState()).as("the source keeps the shut-off config")
                    .isEqualTo(PowerState.OFF);
            InventorySnapshot peerInventory = there.collect();
            VirtualMachine moved = peerInventory.vms().stream().filter(v -> v.id().equals(g.uuid())).findFirst()
                    .orElseThrow();
            assertThat(moved.powerState()).isEqualTo(PowerState.RUNNING);
            InventorySnapshot hereInventory = here.collect();
            assertThat(peerInventory.hosts()).singleElement().satisfies(h -> assertThat(h.id())
                    .isNotIn(hereInventory.hosts().stream().map(x -> x.id()).toList()));
            assertThat(moved.hostId()).isEqualTo(peerInventory.hosts().get(0).id());
        }
    }
}

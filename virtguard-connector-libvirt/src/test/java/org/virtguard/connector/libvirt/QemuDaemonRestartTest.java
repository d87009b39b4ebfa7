package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.virtguard.model.PowerState;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.VmEvent;

/**
 * {@code libvirtd} killed and restarted under a running {@link LibvirtConnector#watch}, several times in a row: the
 * feed reports the connection lost (stale), stays down while the daemon is, reconnects with back-off once it is back,
 * subscribes to events again, and a start and a destroy done after the reconnect are reported within 5 s each.
 * Round 1 stops the daemon with SIGTERM, rounds 2 and 3 kill it with SIGKILL, each with the guest off (a guest left
 * running across a restart was seen to die while libvirtd reattached to it). The connector runs with its default probe and back-off
 * settings, as {@code serve} does.
 *
 * <p>This test RESTARTS the shared local daemon: other clients' connections break meanwhile (domains keep running).
 */
class QemuDaemonRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration EVENT_WITHIN = Duration.ofSeconds(5);
    private static final int RESTARTS = 3;

    @Test
    void eventsResumeAfterEachDaemonRestart() throws Exception {
        try (QemuHost qemu = QemuHost.require("restart");
             LibvirtConnector connector = qemu.openConnector("qemu-restart", Map.of())) {
            LibvirtDaemon.requireControllable(qemu);
            try {
                String net = qemu.isolatedNetwork("net");
                QemuHost.Guest g = qemu.define("vm", net);
                RecordingListener listener = new RecordingListener();
                try (LiveFeed feed = connector.watch(listener).orElseThrow()) {
                    assertThat(feed.connected()).isTrue();
                    for (int round = 1; round <= RESTARTS; round++) {
                        // a guest left running across the restart was seen to die while libvirtd reattached to it
                        // (CI, libvirt 9.0): the rounds restart the daemon with the guest off
                        boolean runningAcross = false;
                        if (runningAcross) {
                            qemu.start(g);
                            awaitAfter(listener, listener.events.size() - 1, g, VmEvent.Kind.STARTED, WAIT);
                        }
                        int lost = listener.lost.size();
                        int restored = listener.restored.size();

                        // SIGKILL while the guest runs: libvirtd 9.0 stopping on SIGTERM was once seen to kill a
                        // guest it had just started (QEMU log: "terminating on signal 15 from libvirtd").
                        LibvirtDaemon.kill(round != 1);
                        awaitCount(listener.lost::size, lost + 1, "connectionLost in round " + round);
                        assertThat(feed.connected()).as("stale while the daemon is down").isFalse();
                        Thread.sleep(1500);
                        assertThat(listener.restored).as("no reconnect while the daemon is down").hasSize(restored);

                        LibvirtDaemon.ensureRunning(qemu.uri());
                        awaitCount(listener.restored::size, restored + 1, "connectionRestored in round " + round);
                        assertThat(feed.connected()).isTrue();
                        assertThat(qemu.isActive(g)).as("the guest survives the restart").isEqualTo(runningAcross);

                        if (runningAcross) {
                            destroyIsReported(qemu, listener, g, round);
                            startIsReported(qemu, listener, g, round);
                            destroyIsReported(qemu, listener, g, round);
                        } else {
                            startIsReported(qemu, listener, g, round);
                            destroyIsReported(qemu, listener, g, round);
                        }
                        assertThat(connector.collectVm(g.uuid()).orElseThrow().powerState()).isEqualTo(PowerState.OFF);
                    }
                    assertThat(listener.lost).hasSize(RESTARTS);
                    assertThat(listener.restored).hasSize(RESTARTS);
                }
            } finally {
                LibvirtDaemon.ensureRunning(qemu.uri());
            }
        }
    }

    private static void startIsReported(QemuHost qemu, RecordingListener listener, QemuHost.Guest g, int round)
            throws Exception {
        int from = listener.events.size();
        qemu.start(g);
        VmEvent e = awaitAfter(listener, from, g, VmEvent.Kind.STARTED, EVENT_WITHIN);
        assertThat(e.detail()).as("round " + round).isEqualTo("STARTED_BOOTED");
    }

    private static void destroyIsReported(QemuHost qemu, RecordingListener listener, QemuHost.Guest g, int round)
            throws Exception {
        int from = listener.events.size();
        qemu.destroy(g);
        VmEvent e = awaitAfter(listener, from, g, VmEvent.Kind.STOPPED, EVENT_WITHIN);
        assertThat(e.detail()).as("round " + round).isEqualTo("STOPPED_DESTROYED");
    }

    /** The first event for {@code g} of {@code kind} recorded at or after index {@code from}. */
    private static VmEvent awaitAfter(RecordingListener listener, int from, QemuHost.Guest g, VmEvent.Kind kind,
                                      Duration within) throws InterruptedException {
        Predicate<VmEvent> match = e -> e.vmId().equals(g.uuid()) && e.kind() == kind;
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<VmEvent> events = listener.events;
            for (int i = Math.max(0, from); i < events.size(); i++) {
                if (match.test(events.get(i))) {
                    return events.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + kind + " event for " + g.name() + " within " + within + " after index "
                + from + "; got " + listener.events);
    }

    private static void awaitCount(IntSupplier count, int atLeast, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}

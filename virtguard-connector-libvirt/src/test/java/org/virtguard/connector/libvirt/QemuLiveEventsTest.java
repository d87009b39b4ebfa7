package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.PowerState;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.VmEvent;

/**
 * Live lifecycle events of a real QEMU host through {@link LibvirtConnector#watch}: the test changes its own guest
 * over a separate connection, as an operator would with {@code virsh}, and the feed reports every change.
 */
class QemuLiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void defineStartSuspendResumeRedefineDestroyUndefineAreReported() throws Exception {
        try (QemuHost qemu = QemuHost.require("events");
             LibvirtConnector connector = qemu.openConnector("qemu-events", Map.of())) {
            String net = qemu.isolatedNetwork("net");
            RecordingListener listener = new RecordingListener();
            try (LiveFeed feed = connector.watch(listener).orElseThrow()) {
                assertThat(feed.connected()).isTrue();

                QemuHost.Guest g = qemu.define("vm", net);
                VmEvent defined = awaitKind(listener, g, VmEvent.Kind.DEFINED);
                assertThat(defined.vmName()).isEqualTo(g.name());
                assertThat(defined.sourceId()).isEqualTo("qemu-events");
                assertThat(defined.detail()).isEqualTo("DEFINED_ADDED");
                assertThat(connector.collectVm(g.uuid()).orElseThrow().powerState()).isEqualTo(PowerState.OFF);

                qemu.start(g);
                assertThat(awaitKind(listener, g, VmEvent.Kind.STARTED).detail()).isEqualTo("STARTED_BOOTED");
                assertThat(connector.collectVm(g.uuid()).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);

                qemu.run(c -> {
                    c.domainLookupByName(g.name()).suspend();
                    return null;
                });
                awaitKind(listener, g, VmEvent.Kind.SUSPENDED);
                assertThat(connector.collectVm(g.uuid()).orElseThrow().powerState()).isEqualTo(PowerState.PAUSED);
                qemu.run(c -> {
                    c.domainLookupByName(g.name()).resume();
                    return null;
                });
                awaitKind(listener, g, VmEvent.Kind.RESUMED);

                qemu.run(c -> {
                    String xml = c.domainLookupByName(g.name()).getXMLDesc(2)
                            .replaceFirst("<memory unit='KiB'>\\d+</memory>", "<memory unit='KiB'>98304</memory>")
                            .replaceFirst("<currentMemory unit='KiB'>\\d+</currentMemory>",
                                    "<currentMemory unit='KiB'>98304</currentMemory>");
                    return c.domainDefineXML(xml);
                });
                assertThat(awaitKind(listener, g, VmEvent.Kind.RECONFIGURED).detail()).isEqualTo("DEFINED_UPDATED");

                qemu.destroy(g);
                assertThat(awaitKind(listener, g, VmEvent.Kind.STOPPED).detail()).isEqualTo("STOPPED_DESTROYED");
                assertThat(connector.collectVm(g.uuid()).orElseThrow().powerState()).isEqualTo(PowerState.OFF);
                assertThat(connector.collectVm(g.uuid()).orElseThrow().memoryBytes())
                        .as("the inactive definition now has the new memory size").isEqualTo(96L * 1024 * 1024);

                qemu.undefine(g);
                assertThat(awaitKind(listener, g, VmEvent.Kind.UNDEFINED).vmId()).isEqualTo(g.uuid());
                assertThat(connector.collectVm(g.uuid())).isEmpty();
                assertThat(listener.lost).isEmpty();
            }
        }
    }

    static VmEvent awaitKind(RecordingListener listener, QemuHost.Guest g, VmEvent.Kind kind)
            throws InterruptedException {
        return listener.awaitEvent(e -> e.vmId().equals(g.uuid()) && e.kind() == kind, WAIT);
    }
}

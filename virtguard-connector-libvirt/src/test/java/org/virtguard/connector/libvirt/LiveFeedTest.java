package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.PowerState;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmEvent;

/**
 * The live feed against libvirt's test driver: domain changes made through the connector's own connection
 * raise lifecycle events, and a connection that breaks is reported lost and then restored.
 */
class LiveFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NEW_VM_UUID = "3d33db08-3363-4be3-b2b5-f42279fc70c3";
    private static final String NEW_VM = """
            <domain type='kvm'>
              <name>canary01</name>
              <uuid>3D33DB08-3363-4BE3-B2B5-F42279FC70C3</uuid>
              <memory unit='MiB'>512</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <interface type='network'>
                  <mac address='52:54:00:1a:00:99'/>
                  <source network='default'/>
                </interface>
                <graphics type='vnc' autoport='yes' listen='0.0.0.0'/>
              </devices>
            </domain>""";

    @Test
    void lifecycleEventsArriveAndCollectVmFollowsTheDomain() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            RecordingListener listener = new RecordingListener();
            try (LiveFeed feed = connector.watch(listener).orElseThrow()) {
                assertThat(feed.connected()).isTrue();
                Connect c = connector.connection();

                Domain d = c.domainDefineXML(NEW_VM);
                VmEvent defined = listener.awaitEvent(e -> e.kind() == VmEvent.Kind.DEFINED, WAIT);
                assertThat(defined.vmId()).isEqualTo(NEW_VM_UUID);
                assertThat(defined.vmName()).isEqualTo("canary01");
                assertThat(defined.sourceId()).isEqualTo("lab-host-a");
                assertThat(defined.detail()).isEqualTo("DEFINED_ADDED");
                assertThat(connector.collectVm(NEW_VM_UUID)).hasValueSatisfying(vm -> {
                    assertThat(vm.powerState()).isEqualTo(PowerState.OFF);
                    assertThat(vm.consoles().get(0).reachableBeyondLoopback().value()).isTrue();
                });

                d.create();
                assertThat(listener.awaitEvent(e -> e.kind() == VmEvent.Kind.STARTED, WAIT).detail())
                        .isEqualTo("STARTED_BOOTED");
                assertThat(connector.collectVm(NEW_VM_UUID).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);

                d.suspend();
                listener.awaitEvent(e -> e.kind() == VmEvent.Kind.SUSPENDED, WAIT);
                assertThat(connector.collectVm(NEW_VM_UUID).orElseThrow().powerState()).isEqualTo(PowerState.PAUSED);
                d.resume();
                listener.awaitEvent(e -> e.kind() == VmEvent.Kind.RESUMED, WAIT);

                d.destroy();
                assertThat(listener.awaitEvent(e -> e.kind() == VmEvent.Kind.STOPPED, WAIT).detail())
                        .isEqualTo("STOPPED_DESTROYED");
                assertThat(connector.collectVm(NEW_VM_UUID).orElseThrow().powerState()).isEqualTo(PowerState.OFF);

                d.undefine();
                VmEvent undefined = listener.awaitEvent(e -> e.kind() == VmEvent.Kind.UNDEFINED, WAIT);
                assertThat(undefined.vmId()).isEqualTo(NEW_VM_UUID);
                assertThat(connector.collectVm(NEW_VM_UUID)).isEmpty();
                assertThat(connector.collect().vms()).noneMatch(vm -> vm.id().equals(NEW_VM_UUID));
            }
        }
    }

    @Test
    void redefiningADomainIsAReconfiguration() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-b")) {
            RecordingListener listener = new RecordingListener();
            try (LiveFeed feed = connector.watch(listener).orElseThrow()) {
                assertThat(feed.connected()).isTrue();
                Connect c = connector.connection();
                String xml = c.domainLookupByName("db02").getXMLDesc(0)
                        .replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static'>12</vcpu>");
                c.domainDefineXML(xml);
                VmEvent e = listener.awaitEvent(ev -> ev.kind() == VmEvent.Kind.RECONFIGURED, WAIT);
                assertThat(e.vmName()).isEqualTo("db02");
                assertThat(connector.collectVm(e.vmId()).orElseThrow().vcpus()).isEqualTo(12);
            }
        }
    }

    @Test
    void aBrokenConnectionIsReportedLostThenRestored() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        Map<String, String> fast = Map.of("probe-interval-ms", "100", "reconnect-initial-ms", "50",
                "reconnect-max-ms", "400");
        try (LibvirtConnector connector = LibvirtConnector.open(LibvirtTestSupport.labSpec("host-c", fast),
                Credentials.none())) {
            RecordingListener listener = new RecordingListener();
            try (LiveFeed feed = connector.watch(listener).orElseThrow()) {
                Connect first = connector.connection();
                first.close();
                RecordingListener.awaitNonEmpty(listener.lost, WAIT, "connectionLost");
                assertThat(listener.lost.get(0)).startsWith("lab-host-c: ");
                RecordingListener.awaitNonEmpty(listener.restored, WAIT, "connectionRestored");
                assertThat(listener.restored).containsExactly("lab-host-c");
                assertThat(feed.connected()).isTrue();

                Connect second = connector.connection();
                assertThat(second).isNotSameAs(first);
                assertThat(connector.collect().vms()).hasSize(3);
                second.domainLookupByName("legacy01").create();
                VmEvent started = listener.awaitEvent(e -> e.kind() == VmEvent.Kind.STARTED, WAIT);
                assertThat(started.vmName()).isEqualTo("legacy01");
            }
            assertThat(listener.lost).hasSize(1);
        }
    }

    @Test
    void reconnectKeepsTryingWithBackoffUntilTheSourceIsBack() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        Path node = Files.createTempFile("vg-node", ".xml");
        Files.writeString(node, Files.readString(
                TestEnvironment.labNodeFile("host-a"))
                .replace("file='host-a/", "file='" + TestEnvironment.libvirtLab() + "/host-a/"));
        Map<String, String> fast = Map.of("probe-interval-ms", "100", "reconnect-initial-ms", "100",
                "reconnect-max-ms", "200");
        try (LibvirtConnector connector = LibvirtConnector.open(
                new SourceSpec("moving", "test://" + node, fast), Credentials.none())) {
            RecordingListener listener = new RecordingListener();
            try (LiveFeed feed = connector.watch(listener).orElseThrow()) {
                String saved = Files.readString(node);
                Files.delete(node);
                connector.connection().close();
                RecordingListener.awaitNonEmpty(listener.lost, WAIT, "connectionLost");
                Thread.sleep(800);
                assertThat(listener.restored).isEmpty();
                assertThat(feed.connected()).isFalse();
                ConnectorException e = catchThrowableOfType(ConnectorException.class, connector::collect);
                assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
                Files.writeString(node, saved);
                RecordingListener.awaitNonEmpty(listener.restored, WAIT, "connectionRestored");
                assertThat(feed.connected()).isTrue();
            }
        } finally {
            Files.deleteIfExists(node);
        }
    }

    @Test
    void closingTheFeedStopsEventsAndASecondWatchIsRefusedWhileOneRuns() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            RecordingListener listener = new RecordingListener();
            LiveFeed feed = connector.watch(listener).orElseThrow();
            ConnectorException twice = catchThrowableOfType(ConnectorException.class,
                    () -> connector.watch(new RecordingListener()));
            assertThat(twice.getMessage()).contains("already being watched");
            feed.close();
            assertThat(feed.connected()).isFalse();
            connector.connection().domainLookupByName("build01").create();
            Thread.sleep(300);
            assertThat(listener.events).isEmpty();
            try (LiveFeed again = connector.watch(listener).orElseThrow()) {
                assertThat(again.connected()).isTrue();
                connector.connection().domainLookupByName("build01").destroy();
                listener.awaitEvent(e -> e.kind() == VmEvent.Kind.STOPPED, WAIT);
            }
        }
    }
}

package org.virtguard.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.decode.CounterSnapshot;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.flows.transport.CollectorSettings;
import org.virtguard.flows.transport.Softflowd;
import org.virtguard.flows.transport.UdpFlowCollector;
import org.virtguard.model.Alert;

/**
 * A real exporter end to end: Debian's softflowd reads the corpus captures and exports NetFlow v9 / IPFIX over
 * loopback to VirtGuard's UDP collector, which attributes, evaluates and aggregates the flows.
 */
class SoftflowdEndToEndTest {

    @TempDir
    Path work;

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final List<FlowRecord> flows = new CopyOnWriteArrayList<>();

    private UdpFlowCollector collector(TestInventory inventory, SegmentationPolicy policy, AtomicLong firstArrival)
            throws IOException {
        LiveEndpointIndex index = new LiveEndpointIndex(inventory.zones());
        index.update(inventory.hosts, inventory.vms, inventory.networks);
        FlowPipeline pipeline = new FlowPipeline(index::current,
                FlowPipeline.standardDetectors(policy, index::current, DetectorSettings.defaults()),
                new EdgeAggregator(100_000), alerts::add);
        CollectorSettings settings = new CollectorSettings(List.of(new InetSocketAddress("127.0.0.1", 0)), 8 << 20,
                4096, 9216);
        UdpFlowCollector collector = new UdpFlowCollector(settings, new FlowDecoder(), r -> {
            firstArrival.compareAndSet(0, System.currentTimeMillis());
            flows.add(r.copy());
            pipeline.accept(r);
        }, System::currentTimeMillis);
        collector.start();
        return collector;
    }

    private static void drain(UdpFlowCollector collector) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50 && collector.processedDatagrams() != last; i++) {
            last = collector.processedDatagrams();
            Thread.sleep(200);
        }
    }

    @ParameterizedTest(name = "NetFlow v{0}")
    @CsvSource({"9", "10"})
    void synScanCaptureRaisesPortScanAttributedToTheScanningVm(int version) throws Exception {
        Softflowd.require();
        Path pcap = TestEnvironment.requireCorpus("pcaps/portscan/ndpi-synscan.pcap");
        TestInventory inventory = new TestInventory().host("h1", "kvm01", "192.0.2.10")
                .vm("vm-scan", "scanner01", "h1", "172.16.0.8", "52:54:00:00:00:08")
                .network("lab", "h1", "172.16.0.0/24").zone("172.16.0.0/24", "dev", 2, false);

        try (UdpFlowCollector collector = collector(inventory, SegmentationPolicy.denyBetweenZones(),
                new AtomicLong())) {
            Softflowd.export(pcap, collector.ports().getFirst(), version, work);
            drain(collector);

            assertThat(flows).as("flows exported by softflowd").hasSizeGreaterThan(100);
            CounterSnapshot counters = collector.metrics().getFirst();
            assertThat(counters.decodeErrors()).isZero();
            assertThat(counters.templateMisses()).isZero();
        }
        assertThat(alerts).filteredOn(a -> a.kind().equals("flow.portscan")).singleElement().satisfies(a -> {
            assertThat(a.source().address()).isEqualTo("172.16.0.8");
            assertThat(a.source().vmName()).isEqualTo("scanner01");
            assertThat(a.source().hostName()).isEqualTo("kvm01");
            assertThat(a.source().zone().name()).isEqualTo("dev");
            assertThat(a.attributes()).containsEntry("source.zone", "dev");
            assertThat(Integer.parseInt(a.attributes().get("distinctPorts"))).isGreaterThanOrEqualTo(50);
            assertThat(a.evidence()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("172.16.0.8:"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"normal/ndpi-ssh.pcap", "normal/zeek-http-bro.org.pcap", "normal/zeek-ssh-single-conn.pcap",
            "normal/zeek-wikipedia.pcap"})
    void normalCapturesRaiseNothing(String capture) throws Exception {
        Softflowd.require();
        Path pcap = TestEnvironment.requireCorpus("pcaps/" + capture);
        TestInventory inventory = new TestInventory().host("h1", "kvm01", "192.0.2.10")
                .vm("vm-scan", "scanner01", "h1", "172.16.0.8", "52:54:00:00:00:08")
                .network("lab", "h1", "172.16.0.0/24").zone("172.16.0.0/24", "dev", 2, false);

        try (UdpFlowCollector collector = collector(inventory, SegmentationPolicy.denyBetweenZones(),
                new AtomicLong())) {
            Softflowd.export(pcap, collector.ports().getFirst(), 9, work);
            drain(collector);
            assertThat(flows).isNotEmpty();
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void forbiddenZoneToZoneFlowBecomesASegmentationAlertWithinTwoSecondsOfExport() throws Exception {
        Softflowd.require();
        Path pcap = TestEnvironment.requireCorpus("pcaps/normal/zeek-ssh-single-conn.pcap");
        // learn the two ends of the capture's SSH connection, then put them in two zones the policy keeps apart
        List<String> ends = sshEnds(pcap);
        TestInventory inventory = new TestInventory().host("h1", "kvm01")
                .vm("vm-web", "web01", "h1", ends.get(0), "52:54:00:00:00:01")
                .vm("vm-db", "db01", "h1", ends.get(1), "52:54:00:00:00:02")
                .zone(ends.get(0) + "/32", "web", 1, false).zone(ends.get(1) + "/32", "db", 4, false);
        SegmentationPolicy policy = org.virtguard.flows.Matrices.policy("""
                segmentation:
                  betweenZones: deny
                  rules:
                    - {name: web-to-db-postgres, from: web, to: db, protocol: tcp, ports: [5432]}
                """);
        AtomicLong firstArrival = new AtomicLong();
        AtomicLong alertAt = new AtomicLong();
        alerts.clear();

        try (UdpFlowCollector collector = collector(inventory, policy, firstArrival)) {
            List<Alert> sink = alerts;
            Softflowd.export(pcap, collector.ports().getFirst(), 10, work);
            for (int i = 0; i < 20 && sink.isEmpty(); i++) {
                Thread.sleep(100);
            }
            alertAt.set(System.currentTimeMillis());
            drain(collector);
        }
        assertThat(alerts).filteredOn(a -> a.kind().equals("flow.segmentation")).isNotEmpty().first()
                .satisfies(a -> {
                    assertThat(a.source().vmName()).isEqualTo("web01");
                    assertThat(a.target().vmName()).isEqualTo("db01");
                    assertThat(a.attributes()).containsEntry("source.zone", "web")
                            .containsEntry("destination.zone", "db").containsEntry("source.host", "kvm01")
                            .containsEntry("destination.host", "kvm01").containsEntry("eastWestOnHost", "true")
                            .containsEntry("destinationPort", "22");
                });
        assertThat(alertAt.get() - firstArrival.get()).as("ms from the flow's arrival to its alert")
                .isLessThan(2_000);
    }

    private List<String> sshEnds(Path pcap) throws Exception {
        try (UdpFlowCollector collector = collector(new TestInventory(), SegmentationPolicy.denyBetweenZones(),
                new AtomicLong())) {
            Softflowd.export(pcap, collector.ports().getFirst(), 9, work);
            drain(collector);
        }
        FlowRecord ssh = flows.stream().filter(r -> r.dstPort == 22).findFirst().orElseThrow();
        flows.clear();
        alerts.clear();
        return List.of(ssh.srcAddress(), ssh.dstAddress());
    }
}

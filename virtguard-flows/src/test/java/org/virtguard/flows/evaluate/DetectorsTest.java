package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.FlowBuilder;
import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.TestInventory;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.aggregate.EdgeKind;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.model.Alert;

class DetectorsTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final int SYN = 0x02;
    private static final int SYN_ACK_PSH_FIN = 0x1b;

    private final DetectorSettings settings = new DetectorSettings(Duration.ofSeconds(60), 20, 10, 5,
            Set.of(22, 443, 902, 8006, 16509, 16514), 5, 1000);
    private final List<Alert> alerts = new ArrayList<>();
    private final EdgeAggregator aggregator = new EdgeAggregator(1000);
    private final FlowPipeline pipeline;

    DetectorsTest() {
        TestInventory inv = new TestInventory().host("h1", "kvm01", "192.0.2.10").host("h2", "kvm02")
                .vm("vm-1", "web01", "h1", "10.1.0.5", "52:54:00:00:00:01")
                .vm("vm-2", "web02", "h1", "10.1.0.6", "52:54:00:00:00:02")
                .vm("vm-3", "db01", "h2", "10.2.0.5", "52:54:00:00:00:03")
                .network("web-net", "h1", "10.1.0.0/24").network("db-net", "h2", "10.2.0.0/24")
                .zone("10.1.0.0/24", "web", 1, false).zone("10.2.0.0/24", "db", 4, false)
                .zone("192.0.2.0/24", "mgmt", 5, true);
        for (int i = 10; i < 20; i++) {
            inv.vm("vm-x" + i, "app" + i, "h2", "10.2.0." + i, null);
        }
        LiveEndpointIndex index = new LiveEndpointIndex(inv.zones());
        index.update(inv.hosts, inv.vms, inv.networks);
        SegmentationPolicy policy = org.virtguard.flows.Matrices.policy("""
                segmentation:
                  rules:
                    - {from: web, to: db, protocol: tcp, ports: [5432]}
                """);
        pipeline = new FlowPipeline(index::current, FlowPipeline.standardDetectors(policy, index::current, settings),
                aggregator, alerts::add);
    }

    private List<Alert> of(String kind) {
        return alerts.stream().filter(a -> a.kind().equals(kind)).toList();
    }

    @Test
    void portScanNeedsTheThresholdOfProbedPortsWithinTheWindow() {
        for (int p = 1; p <= 19; p++) {
            pipeline.accept(FlowBuilder.tcp("203.0.113.9", 40000, "10.1.0.5", p, SYN, T0 + p));
        }
        assertThat(of("flow.portscan")).isEmpty();
        for (int p = 100; p < 140; p++) {
            pipeline.accept(FlowBuilder.tcp("203.0.113.9", 40000, "10.1.0.5", p, SYN, T0 + 120_000 + p));
        }
        assertThat(of("flow.portscan")).as("the first 19 fell out of the window; 20 new ports alert once")
                .singleElement().satisfies(a -> {
                    assertThat(a.source().address()).isEqualTo("203.0.113.9");
                    assertThat(a.evidence()).hasSize(5);
                    assertThat(a.attributes()).containsEntry("distinctPorts", "20");
                });
    }

    @Test
    void establishedConnectionsAreNotProbes() {
        for (int p = 1; p <= 100; p++) {
            pipeline.accept(FlowBuilder.tcp("10.1.0.5", 443, "198.51.100.7", 30000 + p, SYN_ACK_PSH_FIN, T0 + p));
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void hostSweep() {
        for (int h = 1; h <= 12; h++) {
            pipeline.accept(FlowBuilder.tcp("198.51.100.7", 40000, "203.0.113." + h, 3389, SYN, T0 + h));
        }
        assertThat(of("flow.hostsweep")).singleElement()
                .satisfies(a -> assertThat(a.attributes()).containsEntry("distinctHosts", "10"));
    }

    @Test
    void lateralFanOutFromOneVmToManyVms() {
        for (int i = 10; i < 16; i++) {
            pipeline.accept(FlowBuilder.tcp("10.1.0.5", 40000 + i, "10.2.0." + i, 5432, SYN_ACK_PSH_FIN, T0 + i));
        }
        assertThat(of("flow.fanout")).singleElement().satisfies(a -> {
            assertThat(a.source().vmName()).isEqualTo("web01");
            assertThat(a.attributes()).containsEntry("distinctVms", "5");
        });
    }

    @Test
    void managementInterfaceFromOutsideTheManagementZone() {
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 50000, "192.0.2.10", 443, SYN_ACK_PSH_FIN, T0));
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 50001, "192.0.2.10", 443, SYN_ACK_PSH_FIN, T0 + 1));
        pipeline.accept(FlowBuilder.tcp("192.0.2.10", 443, "10.1.0.5", 50000, SYN_ACK_PSH_FIN, T0 + 2));
        pipeline.accept(FlowBuilder.tcp("192.0.2.11", 50000, "192.0.2.10", 902, SYN_ACK_PSH_FIN, T0 + 3));

        assertThat(of("flow.mgmt-access")).as("one incident; replies and mgmt-zone clients do not count")
                .singleElement().satisfies(a -> {
                    assertThat(a.source().vmName()).isEqualTo("web01");
                    assertThat(a.target().hostName()).isEqualTo("kvm01");
                    assertThat(a.title()).contains("port 443");
                });
    }

    @Test
    void unknownTalkerInAVmSubnet() {
        pipeline.accept(FlowBuilder.tcp("10.1.0.77", 50000, "10.1.0.5", 80, SYN_ACK_PSH_FIN, T0));
        pipeline.accept(FlowBuilder.tcp("10.1.0.77", 50001, "10.1.0.5", 80, SYN_ACK_PSH_FIN, T0 + 1));

        assertThat(of("flow.unknown-talker")).singleElement().satisfies(a -> {
            assertThat(a.source().address()).isEqualTo("10.1.0.77");
            assertThat(a.attributes()).containsEntry("subnet", "10.1.0.0/24");
        });
    }

    @Test
    void segmentationJudgesRepliesAsTheConnectionTheyAnswer() {
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 40000, "10.2.0.5", 5432, SYN_ACK_PSH_FIN, T0));
        pipeline.accept(FlowBuilder.tcp("10.2.0.5", 5432, "10.1.0.5", 40000, SYN_ACK_PSH_FIN, T0));
        assertThat(of("flow.segmentation")).as("allowed connection and its reply").isEmpty();

        pipeline.accept(FlowBuilder.tcp("10.2.0.5", 22, "10.1.0.5", 40001, SYN_ACK_PSH_FIN, T0 + 5));
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 40001, "10.2.0.5", 22, SYN_ACK_PSH_FIN, T0 + 6));
        assertThat(of("flow.segmentation")).as("reply seen first, then the request: one incident")
                .singleElement().satisfies(a -> {
                    assertThat(a.source().vmName()).isEqualTo("web01");
                    assertThat(a.target().vmName()).isEqualTo("db01");
                    assertThat(a.attributes()).containsEntry("destinationPort", "22")
                            .containsEntry("source.zone", "web").containsEntry("destination.zone", "db")
                            .containsEntry("source.host", "kvm01").containsEntry("destination.host", "kvm02")
                            .containsEntry("eastWestOnHost", "false").containsEntry("rule", "default");
                });
    }

    @Test
    void eastWestOnOneHostIsMarkedAndAggregatedPerMinute() {
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 40000, "10.1.0.6", 80, SYN_ACK_PSH_FIN, T0));
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 40001, "10.1.0.6", 80, SYN_ACK_PSH_FIN, T0 + 1000));
        pipeline.accept(FlowBuilder.tcp("10.1.0.5", 40002, "10.1.0.6", 80, SYN_ACK_PSH_FIN, T0 + 61_000));

        List<FlowEdge> edges = aggregator.drainBefore(T0 + 60_000 - T0 % 60_000);
        assertThat(edges).filteredOn(e -> e.kind() == EdgeKind.VM).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("web01");
            assertThat(e.to()).isEqualTo("web02");
            assertThat(e.eastWestOnHost()).isTrue();
            assertThat(e.flows()).isEqualTo(2);
            assertThat(e.bytes()).isEqualTo(120);
        });
        assertThat(edges).filteredOn(e -> e.kind() == EdgeKind.ZONE).singleElement()
                .satisfies(e -> assertThat(e.from()).isEqualTo("web"));
        assertThat(aggregator.drainAll()).hasSize(2);
    }
}

package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.FlowBuilder;
import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.TestInventory;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.model.Alert;

/** The pipeline's direct calls to the standard detectors behave exactly as calling each through the interface. */
class PipelineDispatchTest {

    private static final long T0 = 1_700_000_000_000L;

    private record Run(List<Alert> alerts, List<FlowEdge> edges) {
    }

    private static Run run(long seed, boolean standardList) {
        TestInventory inv = new TestInventory().host("h1", "kvm01", "192.0.2.10").host("h2", "kvm02")
                .vm("vm-1", "web01", "h1", "10.1.0.5", "52:54:00:00:00:01")
                .vm("vm-2", "web02", "h1", "10.1.0.6", "52:54:00:00:00:02")
                .vm("vm-3", "db01", "h2", "10.2.0.5", "52:54:00:00:00:03")
                .network("web-net", "h1", "10.1.0.0/24").network("db-net", "h2", "10.2.0.0/24")
                .zone("10.1.0.0/24", "web", 1, false).zone("10.2.0.0/24", "db", 4, false)
                .zone("192.0.2.0/24", "mgmt", 5, true).zone("0.0.0.0/0", "outside", 0, false);
        LiveEndpointIndex index = new LiveEndpointIndex(inv.zones());
        index.update(inv.hosts, inv.vms, inv.networks);
        SegmentationPolicy policy = org.virtguard.flows.Matrices.policy("""
                segmentation:
                  rules:
                    - {from: web, to: db, protocol: tcp, ports: [5432]}
                    - {from: web, to: outside, protocol: tcp, ports: [80, 443]}
                """);
        DetectorSettings settings = new DetectorSettings(Duration.ofSeconds(60), 8, 6, 4,
                Set.of(22, 443, 902, 8006, 16509, 16514), 5, 1000);
        List<FlowDetector> detectors = new ArrayList<>(FlowPipeline.standardDetectors(policy, index::current,
                settings));
        if (!standardList) {
            detectors.add((flow, alerts) -> { });
        }
        List<Alert> alerts = new ArrayList<>();
        EdgeAggregator aggregator = new EdgeAggregator(10_000);
        FlowPipeline pipeline = new FlowPipeline(index::current, detectors, aggregator, alerts::add);
        Random rnd = new Random(seed);
        String[] addresses = {"10.1.0.5", "10.1.0.6", "10.1.0.77", "10.2.0.5", "10.2.0.9", "192.0.2.10",
            "192.0.2.11", "203.0.113.9", "198.51.100.4"};
        int[] ports = {22, 80, 443, 902, 5432, 8006, 16509, 40_000, 53_211};
        long time = T0;
        for (int n = 0; n < 4_000; n++) {
            time += rnd.nextInt(300);
            FlowRecord r = FlowBuilder.tcp(addresses[rnd.nextInt(addresses.length)],
                    rnd.nextBoolean() ? ports[rnd.nextInt(ports.length)] : 1 + rnd.nextInt(65_535),
                    addresses[rnd.nextInt(addresses.length)],
                    rnd.nextBoolean() ? ports[rnd.nextInt(ports.length)] : 1 + rnd.nextInt(1024),
                    rnd.nextInt(3) == 0 ? 0x02 : 0x1b, time);
            if (rnd.nextInt(8) == 0) {
                r.protocol = 17;
            }
            pipeline.accept(r);
        }
        List<FlowEdge> edges = new ArrayList<>(aggregator.drainAll());
        edges.sort(Comparator.comparing(FlowEdge::minute).thenComparing(FlowEdge::kind)
                .thenComparing(FlowEdge::from).thenComparing(FlowEdge::to));
        return new Run(alerts, edges);
    }

    @Test
    void directCallsRaiseTheSameAlertsAndEdgesAsDispatchOnSeededRandomFlows() {
        for (long seed = 1; seed <= 10; seed++) {
            Run direct = run(seed, true);
            Run dispatched = run(seed, false);
            assertThat(direct.alerts()).as("seed %d", seed).isNotEmpty().isEqualTo(dispatched.alerts());
            assertThat(direct.edges()).as("seed %d", seed).isNotEmpty().isEqualTo(dispatched.edges());
        }
    }
}

package org.virtguard.flows.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.model.TrustZone;

/** The full pipeline the benchmarks run: zones, a segmentation policy, all detectors, aggregation. */
final class BenchPipeline {

    private BenchPipeline() {
    }

    static FlowPipeline build(AtomicLong alerts, EdgeAggregator aggregator) {
        ZoneResolver zones = new org.virtguard.flows.TestInventory().zone("10.0.0.0/8", "inside", 3, false)
                .zone("0.0.0.0/0", "outside", 0, false).zone("::/0", "outside", 0, false).zones();
        LiveEndpointIndex index = new LiveEndpointIndex(zones);
        SegmentationPolicy policy = org.virtguard.flows.Matrices.policy("""
                segmentation:
                  rules:
                    - {from: inside, to: outside, protocol: tcp, ports: [80, 443]}
                    - {from: inside, to: outside, protocol: udp, ports: [53]}
                """);
        return new FlowPipeline(index::current,
                FlowPipeline.standardDetectors(policy, index::current, DetectorSettings.defaults()), aggregator,
                a -> alerts.incrementAndGet());
    }
}

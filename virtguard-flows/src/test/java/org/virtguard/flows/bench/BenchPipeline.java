package org.virtguard.flows.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.enrich.Cidr;
import org.virtguard.flows.enrich.CidrZoneResolver;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.model.TrustZone;

/** The full pipeline the benchmarks run: zones, a segmentation policy, all detectors, aggregation. */
final class BenchPipeline {

    private BenchPipeline() {
    }

    static FlowPipeline build(AtomicLong alerts, EdgeAggregator aggregator) {
        CidrZoneResolver zones = new CidrZoneResolver(List.of(
                new CidrZoneResolver.ZoneDefinition(new TrustZone("inside", 3, false), List.of(Cidr.parse("10.0.0.0/8")),
                        List.of()),
                new CidrZoneResolver.ZoneDefinition(new TrustZone("outside", 0, false),
                        List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")), List.of())));
        LiveEndpointIndex index = new LiveEndpointIndex(zones);
        SegmentationPolicy policy = SegmentationPolicy.parse("""
                segmentation:
                  rules:
                    - {from: inside, to: outside, protocol: tcp, ports: [80, 443]}
                    - {from: inside, to: outside, protocol: udp, ports: [53]}
                """, "bench");
        return new FlowPipeline(index::current,
                FlowPipeline.standardDetectors(policy, index::current, DetectorSettings.defaults()), aggregator,
                a -> alerts.incrementAndGet());
    }
}

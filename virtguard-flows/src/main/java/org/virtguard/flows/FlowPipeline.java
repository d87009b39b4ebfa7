package org.virtguard.flows;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.decode.FlowSink;
import org.virtguard.flows.enrich.EndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.FlowContext;
import org.virtguard.flows.evaluate.FlowDetector;
import org.virtguard.flows.evaluate.HostSweepDetector;
import org.virtguard.flows.evaluate.LateralFanOutDetector;
import org.virtguard.flows.evaluate.ManagementAccessDetector;
import org.virtguard.flows.evaluate.PortScanDetector;
import org.virtguard.flows.evaluate.SegmentationDetector;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.flows.evaluate.UnknownTalkerDetector;
import org.virtguard.model.Alert;

/**
 * What happens to each decoded flow: attribution to VM, host and zone from the current {@link EndpointIndex},
 * the detectors (segmentation first), then per-minute aggregation. Runs on the decoding thread; reuses one
 * {@link FlowContext}, so a known flow costs no allocation unless it raises an alert or opens a new edge.
 */
public final class FlowPipeline implements FlowSink {

    private final Supplier<EndpointIndex> index;
    private final FlowDetector[] detectors;
    /** The six standard detectors in their standard order, when {@link #detectors} is exactly that; else null. */
    private final SegmentationDetector segmentation;
    private final PortScanDetector portScan;
    private final HostSweepDetector hostSweep;
    private final LateralFanOutDetector fanOut;
    private final ManagementAccessDetector management;
    private final UnknownTalkerDetector unknownTalkers;
    private final EdgeAggregator aggregator;
    private final Consumer<Alert> alerts;
    private final FlowContext context = new FlowContext();
    private long flows;

    /**
     * A pipeline reading attribution from {@code index}, running {@code detectors} in order, aggregating into
     * {@code aggregator} (may be {@code null}) and raising alerts through {@code alerts}.
     */
    public FlowPipeline(Supplier<EndpointIndex> index, List<FlowDetector> detectors, EdgeAggregator aggregator,
                        Consumer<Alert> alerts) {
        this.index = index;
        this.detectors = detectors.toArray(new FlowDetector[0]);
        this.aggregator = aggregator;
        this.alerts = alerts;
        boolean standard = detectors.size() == 6 && detectors.get(0) instanceof SegmentationDetector
                && detectors.get(1) instanceof PortScanDetector && detectors.get(2) instanceof HostSweepDetector
                && detectors.get(3) instanceof LateralFanOutDetector
                && detectors.get(4) instanceof ManagementAccessDetector
                && detectors.get(5) instanceof UnknownTalkerDetector;
        segmentation = standard ? (SegmentationDetector) detectors.get(0) : null;
        portScan = standard ? (PortScanDetector) detectors.get(1) : null;
        hostSweep = standard ? (HostSweepDetector) detectors.get(2) : null;
        fanOut = standard ? (LateralFanOutDetector) detectors.get(3) : null;
        management = standard ? (ManagementAccessDetector) detectors.get(4) : null;
        unknownTalkers = standard ? (UnknownTalkerDetector) detectors.get(5) : null;
    }

    /** The standard detectors: segmentation, port scan, host sweep, lateral fan-out, management access, unknown talkers. */
    public static List<FlowDetector> standardDetectors(SegmentationPolicy policy, Supplier<EndpointIndex> index,
                                                       DetectorSettings settings) {
        return List.of(new SegmentationDetector(policy, index, settings), new PortScanDetector(settings),
                new HostSweepDetector(settings), new LateralFanOutDetector(settings),
                new ManagementAccessDetector(settings), new UnknownTalkerDetector(settings));
    }

    @Override
    public void accept(FlowRecord record) {
        EndpointIndex idx = index.get();
        context.set(record, idx.lookup(record, true), idx.lookup(record, false));
        if (segmentation != null) {
            observeStandard();
        } else {
            for (FlowDetector d : detectors) {
                observe(d);
            }
        }
        if (aggregator != null) {
            aggregator.add(context);
        }
        flows++;
    }

    /** The standard detectors called in order with no dispatch at all (the usual configuration). */
    private void observeStandard() {
        segmentation.observe(context, alerts);
        portScan.observe(context, alerts);
        hostSweep.observe(context, alerts);
        fanOut.observe(context, alerts);
        management.observe(context, alerts);
        unknownTalkers.observe(context, alerts);
    }

    /**
     * Calls a detector, directly for the standard (final) detector classes: one interface call site shared by six
     * implementations would be megamorphic, a dispatch through a table on every flow that also stops inlining.
     */
    private void observe(FlowDetector d) {
        if (d instanceof SegmentationDetector x) {
            x.observe(context, alerts);
        } else if (d instanceof PortScanDetector x) {
            x.observe(context, alerts);
        } else if (d instanceof HostSweepDetector x) {
            x.observe(context, alerts);
        } else if (d instanceof LateralFanOutDetector x) {
            x.observe(context, alerts);
        } else if (d instanceof ManagementAccessDetector x) {
            x.observe(context, alerts);
        } else if (d instanceof UnknownTalkerDetector x) {
            x.observe(context, alerts);
        } else {
            d.observe(context, alerts);
        }
    }

    /** Flows processed so far. */
    public long flows() {
        return flows;
    }
}

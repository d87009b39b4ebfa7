package org.virtguard.cli.flows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.virtguard.cli.AppContext;
import org.virtguard.cli.CliException;
import org.virtguard.cli.policy.ZonePolicyFile;
import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.Store;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the flow pipeline: policy, thresholds, inventory. */
final class PipelineOptions {

    @Option(names = {"--zones", "--policy"}, paramLabel = "FILE",
            description = "Zone policy (the same file as for serve and scan): its zones attribute addresses, its "
                    + "segmentation: section judges flows. Without it, no zones and no segmentation. "
                    + "--policy is a deprecated alias.")
    Path zonesFile;

    @Option(names = "--no-inventory", description = "Do not read the inventory from the store (attribution by zones only).")
    boolean noInventory;

    @Option(names = "--detector-window", paramLabel = "SECONDS", defaultValue = "60", description = "Detector window in seconds (default: ${DEFAULT-VALUE}).")
    int windowSeconds;

    @Option(names = "--port-scan-ports", paramLabel = "N", defaultValue = "50", description = "Distinct ports for a port scan (default: ${DEFAULT-VALUE}).")
    int portScanPorts;

    @Option(names = "--host-sweep-hosts", paramLabel = "N", defaultValue = "30", description = "Distinct hosts for a host sweep (default: ${DEFAULT-VALUE}).")
    int hostSweepHosts;

    @Option(names = "--fan-out-vms", paramLabel = "N", defaultValue = "10", description = "Distinct VMs for lateral fan-out (default: ${DEFAULT-VALUE}).")
    int fanOutVms;

    /** A built pipeline and the aggregator behind it. */
    record Built(FlowPipeline pipeline, EdgeAggregator aggregator, LiveEndpointIndex index) {
    }

    /**
     * Builds the pipeline. Without a stored inventory (an embedded store never created: nothing synced yet) the
     * addresses are attributed by zones only, and {@code err} says so.
     */
    Built build(AppContext context, Consumer<Alert> alerts, java.io.PrintWriter err) {
        SegmentationPolicy segmentation = SegmentationPolicy.denyBetweenZones();
        ZoneResolver zones = ZoneResolver.none();
        if (zonesFile != null) {
            ZonePolicy policy = ZonePolicyFile.load(zonesFile);
            segmentation = SegmentationPolicy.from(policy.segmentation());
            zones = policy;
        }
        DetectorSettings settings;
        try {
            settings = new DetectorSettings(Duration.ofSeconds(windowSeconds), portScanPorts, hostSweepHosts,
                    fanOutVms, DetectorSettings.defaults().managementPorts(), 20, 100_000);
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, e.getMessage(), 2);
        }
        LiveEndpointIndex index = new LiveEndpointIndex(zones);
        boolean noStore = !noInventory && Store.isMissingEmbedded(context.storeConfig());
        if (noStore) {
            err.println("virtguard: note: no stored inventory in " + context.dataDir() + ": addresses are attributed "
                    + "by zones only (sync the inventory first, or pass --no-inventory)");
            err.flush();
        }
        if (!noInventory && !noStore) {
            try (Store store = context.openStore()) {
                index.update(store.inventory().hosts().stream().map(StoredHost::host).toList(),
                        store.inventory().vms().stream().map(StoredVm::vm).toList(),
                        store.inventory().networks().stream().map(StoredNetwork::network).toList());
            }
        } else {
            index.update(List.of(), List.of(), List.of());
        }
        EdgeAggregator aggregator = new EdgeAggregator(1_000_000);
        FlowPipeline pipeline = new FlowPipeline(index::current,
                FlowPipeline.standardDetectors(segmentation, index::current, settings), aggregator, alerts);
        return new Built(pipeline, aggregator, index);
    }
}

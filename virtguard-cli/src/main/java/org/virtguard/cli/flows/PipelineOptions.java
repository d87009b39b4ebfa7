package org.virtguard.cli.flows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.virtguard.cli.AppContext;
import org.virtguard.cli.CliException;
import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.Store;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the flow pipeline: policy, thresholds, inventory. */
final class PipelineOptions {

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Segmentation policy YAML (segmentation: rules, optional zones:). Without it, zones come from nowhere and no segmentation is evaluated.")
    Path policy;

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

    Built build(AppContext context, Consumer<Alert> alerts) {
        SegmentationPolicy segmentation = SegmentationPolicy.denyBetweenZones();
        ZoneResolver zones = ZoneResolver.none();
        if (policy != null) {
            try {
                if (!Files.isRegularFile(policy)) {
                    throw new CliException(ErrorCode.NOT_FOUND, "policy file " + policy + " does not exist", 2);
                }
                String yaml = Files.readString(policy);
                segmentation = SegmentationPolicy.parse(yaml, policy.toString());
                zones = SegmentationPolicy.zones(yaml, policy.toString());
            } catch (IOException e) {
                throw new CliException(ErrorCode.INVALID_CONFIG, policy + ": " + e.getMessage(), 2);
            } catch (IllegalArgumentException e) {
                throw new CliException(ErrorCode.INVALID_CONFIG, e.getMessage(), 2);
            }
        }
        DetectorSettings settings;
        try {
            settings = new DetectorSettings(Duration.ofSeconds(windowSeconds), portScanPorts, hostSweepHosts,
                    fanOutVms, DetectorSettings.defaults().managementPorts(), 20, 100_000);
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, e.getMessage(), 2);
        }
        LiveEndpointIndex index = new LiveEndpointIndex(zones);
        if (!noInventory) {
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

package org.virtguard.flows.evaluate;

import java.time.Duration;
import java.util.Set;

/**
 * Thresholds of the flow detectors. A detector fires when, within {@link #window()}, one source reaches its
 * threshold of distinct targets.
 *
 * @param window           sliding window
 * @param portScanPorts    distinct destination ports probed by one source (port scan)
 * @param hostSweepHosts   distinct destination addresses probed by one source (host sweep)
 * @param fanOutVms        distinct VMs one VM opens connections to (lateral fan-out)
 * @param managementPorts  ports of management interfaces (ESXi/vCenter, SSH, libvirt, Proxmox)
 * @param evidenceFlows    flows kept as evidence per alert
 * @param maxTrackedSources sources tracked per detector before the oldest are forgotten
 */
public record DetectorSettings(Duration window, int portScanPorts, int hostSweepHosts, int fanOutVms,
                               Set<Integer> managementPorts, int evidenceFlows, int maxTrackedSources) {

    /** 60 s window, 50 ports, 30 hosts, 10 VMs, ports 22/443/902/8006/16509/16514, 20 evidence flows. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(Duration.ofSeconds(60), 50, 30, 10, Set.of(22, 443, 902, 8006, 16509, 16514),
                20, 100_000);
    }

    public DetectorSettings {
        if (window.isNegative() || window.isZero() || portScanPorts < 2 || hostSweepHosts < 2 || fanOutVms < 2
                || evidenceFlows < 1 || maxTrackedSources < 1) {
            throw new IllegalArgumentException("detector thresholds must be positive (window, ports, hosts, VMs)");
        }
        managementPorts = Set.copyOf(managementPorts);
    }
}

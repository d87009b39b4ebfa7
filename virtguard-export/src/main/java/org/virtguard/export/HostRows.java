package org.virtguard.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Host;
import org.virtguard.model.HostHardware;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredVm;

/** The rows of vHost: one per hypervisor host. */
final class HostRows {

    static final List<String> HEADERS = List.of("Host", "Platform", "Hypervisor", "Product", "Version", "Build",
            "CPU model", "Sockets", "Cores per socket", "CPUs", "CPU MHz", "Memory MiB", "Cluster", "Site",
            "Connection", "VMs", "Running VMs", "Security driver", "Management addresses", "Source", "Stale",
            "First seen", "Last seen", "Host ID");

    private HostRows() {
    }

    static List<List<?>> rows(List<StoredHost> hosts, List<StoredVm> vms) {
        Map<String, long[]> counts = new HashMap<>();
        for (StoredVm vm : vms) {
            long[] c = counts.computeIfAbsent(String.valueOf(vm.vm().hostId()), k -> new long[2]);
            c[0]++;
            if (vm.vm().powerState() == PowerState.RUNNING) {
                c[1]++;
            }
        }
        List<List<?>> rows = new ArrayList<>();
        for (StoredHost stored : hosts) {
            Host h = stored.host();
            HostHardware hw = h.hardware();
            long[] c = counts.getOrDefault(h.id(), new long[2]);
            rows.add(Cells.list(h.name(), h.platform().name(), h.hypervisor() == null ? null : h.hypervisor().name(),
                    h.productName(), h.productVersion(), h.productBuild(),
                    hw == null ? null : hw.cpuModel(), hw == null ? null : (long) hw.sockets(),
                    hw == null ? null : (long) hw.coresPerSocket(), hw == null ? null : (long) hw.cpus(),
                    hw == null ? null : hw.cpuMhz(), hw == null ? null : Cells.mib(hw.memoryBytes()),
                    h.clusterId(), h.siteId(), h.connectionState() == null ? null : h.connectionState().name(),
                    c[0], c[1], securityDriver(h), Cells.join(h.managementAddresses()), stored.sourceId(),
                    stored.stale(), stored.firstSeen(), stored.lastSeen(), h.id()));
        }
        return rows;
    }

    /** The host's VM confinement driver (sVirt: selinux, apparmor, none) for libvirt hosts. */
    private static String securityDriver(Host h) {
        String model = Cells.setting(h.settings(), "security.model");
        if (model != null) {
            return model;
        }
        return h.platform() == Platform.VSPHERE ? "n/a (ESXi)" : Cells.unknown("not reported");
    }
}

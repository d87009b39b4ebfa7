package org.virtguard.export;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.model.Collected;
import org.virtguard.model.DeviceKind;
import org.virtguard.model.Host;
import org.virtguard.model.Platform;
import org.virtguard.model.Snapshot;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.StoredVm;

/** The rows of the VM tabs: vInfo, vNetwork and vSnapshot. */
final class VmRows {

    static final List<String> HEADERS = List.of("VM", "Power state", "Template", "Host", "Cluster", "Site",
            "Platform", "Guest OS", "CPUs", "Memory MiB", "NICs", "Disks", "Snapshots", "Zones", "Tools / agent",
            "Failing findings", "Source", "Stale", "First seen", "Last seen", "Last power on", "Annotation", "VM ID");
    static final List<String> NIC_HEADERS = List.of("VM", "Power state", "Host", "NIC", "Network / port group",
            "Switch", "Attachment", "Adapter", "MAC", "Addresses", "Connected", "VLAN", "Zone", "Filter",
            "Spoofing protection", "VM ID");
    static final List<String> SNAPSHOT_HEADERS = List.of("VM", "Host", "Snapshot", "Description", "Created",
            "Age (days)", "Parent", "Current", "VM ID");

    private VmRows() {
    }

    static List<Object> info(StoredVm stored, Host host, Map<String, java.util.Optional<org.virtguard.model.TrustZone>> nicZones, long failing) {
        VirtualMachine vm = stored.vm();
        Set<String> zones = new LinkedHashSet<>();
        vm.nics().stream().map(n -> InventoryExport.zoneName(nicZones, n)).sorted().forEach(zones::add);
        return Cells.list(vm.name(), vm.powerState().name(), vm.template(), hostName(host, vm.hostId()),
                vm.clusterId() != null ? vm.clusterId() : host == null ? null : host.clusterId(),
                host == null ? null : host.siteId(), host == null ? null : host.platform().name(),
                Cells.collected(vm.guestOs()), (long) vm.vcpus(), Cells.mib(vm.memoryBytes()),
                (long) vm.nics().size(), (long) vm.disks().size(), (long) vm.snapshots().size(), Cells.join(zones),
                agent(vm, host), failing, stored.sourceId(), stored.stale(), stored.firstSeen(), stored.lastSeen(),
                instant(vm.lastPowerOn()), vm.annotation(), vm.id());
    }

    static List<Object> nic(StoredVm stored, Host host, VirtualNic nic, String zone) {
        VirtualMachine vm = stored.vm();
        Collected<List<String>> ips = nic.ipAddresses();
        String addresses = ips.isCollected() && ips.value() != null ? Cells.join(ips.value())
                : Cells.unknown(ips.reason());
        String filter = nic.filter() == null ? "none" : nic.filter().name();
        String protection;
        if (nic.filter() == null) {
            protection = "none";
        } else {
            Collected<Set<SpoofingProtection>> p = nic.filter().protections();
            protection = p.isCollected() && p.value() != null
                    ? (p.value().isEmpty() ? "none" : Cells.join(p.value().stream().map(Enum::name).sorted().toList()))
                    : Cells.unknown(p.reason());
        }
        return Cells.list(vm.name(), vm.powerState().name(), hostName(host, vm.hostId()), nic.id(),
                nic.networkName(), nic.switchName(), nic.attachment() == null ? null : nic.attachment().name(),
                nic.model(), nic.mac(), addresses, nic.connected(), Cells.vlan(nic.vlan()), zone, filter, protection,
                vm.id());
    }

    static List<Object> snapshot(StoredVm stored, Host host, Snapshot s, Instant now) {
        VirtualMachine vm = stored.vm();
        return Cells.list(vm.name(), hostName(host, vm.hostId()), s.name(), s.description(), s.createdAt(),
                InventoryExport.ageDays(s.createdAt(), now), s.parent(), s.current(), vm.id());
    }

    static String hostName(Host host, String hostId) {
        return host != null ? host.name() : hostId;
    }

    private static Instant instant(Collected<Instant> value) {
        return value.isCollected() ? value.value() : null;
    }

    /**
     * The guest tools or agent: VMware Tools status and version where the platform reports them; for libvirt
     * whether the domain has a QEMU guest agent channel; else unknown.
     */
    static String agent(VirtualMachine vm, Host host) {
        String status = Cells.setting(vm.settings(), "tools.status");
        if (status != null) {
            String version = Cells.setting(vm.settings(), "tools.version");
            return version == null || version.startsWith("unknown") ? status : status + " " + version;
        }
        boolean channel = vm.devices().stream().anyMatch(d -> d.kind() == DeviceKind.GUEST_AGENT);
        if (channel) {
            return "guest agent channel";
        }
        if (host != null && host.platform() == Platform.LIBVIRT) {
            return "no guest agent channel";
        }
        return Cells.unknown("not reported");
    }
}

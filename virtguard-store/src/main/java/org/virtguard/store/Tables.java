package org.virtguard.store;

import java.util.List;
import java.util.Set;

import org.virtguard.model.Cluster;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.ObjectLimits;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Site;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.ObjectTable.Column;

/** The inventory tables of schema V1. */
final class Tables {

    static final ObjectTable<Site> SITE = new ObjectTable<>("inv_site", ObjectType.SITE, Site.class, null,
            Set.of("id"), Set.of(), List.of());

    static final ObjectTable<Cluster> CLUSTER = new ObjectTable<>("inv_cluster", ObjectType.CLUSTER,
            Cluster.class, null, Set.of("id"), Set.of("settings"),
            List.of(new Column<>("site_id", Cluster::siteId)));

    static final ObjectTable<Host> HOST = new ObjectTable<>("inv_host", ObjectType.HOST, Host.class, null,
            Set.of("id", "sourceId"), Set.of("settings", "componentVersions"),
            List.of(new Column<>("platform", h -> h.platform().name()),
                    new Column<>("hypervisor", h -> h.hypervisor().name()),
                    new Column<>("product_version", Host::productVersion),
                    new Column<>("cluster_id", Host::clusterId),
                    new Column<>("site_id", Host::siteId),
                    new Column<>("connection_state", h -> h.connectionState().name())));

    static final ObjectTable<Network> NETWORK = new ObjectTable<>("inv_network", ObjectType.NETWORK,
            Network.class, null, Set.of("id"), Set.of("settings"),
            List.of(new Column<>("host_id", Network::hostId),
                    new Column<>("kind", n -> n.kind().name()),
                    new Column<>("switch_name", Network::switchName)));

    static final ObjectTable<TrafficFilterDefinition> FILTER = new ObjectTable<>("inv_filter", ObjectType.FILTER,
            TrafficFilterDefinition.class, null, Set.of("name", "hostId"), Set.of(),
            List.of(new Column<>("host_id", TrafficFilterDefinition::hostId)));

    /**
     * VMs. Ignored for setting changes: identity, the fields with change types of their own (host, vNICs,
     * power state) and the power-on/off times that follow from the power state.
     */
    static final ObjectTable<VirtualMachine> VM = new ObjectTable<>("inv_vm", ObjectType.VM, VirtualMachine.class,
            null, Set.of("id", "hostId", "nics", "powerState", "lastPowerOn", "lastPowerOff"),
            Set.of("settings", "labels"),
            List.of(new Column<>("host_id", VirtualMachine::hostId),
                    new Column<>("cluster_id", VirtualMachine::clusterId),
                    new Column<>("power_state", v -> v.powerState().name()),
                    new Column<>("template", VirtualMachine::template)));

    /**
     * vNICs. Ignored for setting changes: identity, the network attachment (which has its own change
     * type) and what is assigned at run time (host tap device, guest addresses).
     */
    static final ObjectTable<VirtualNic> NIC = new ObjectTable<>("inv_nic", ObjectType.NIC, VirtualNic.class,
            "vm_id", Set.of("id", "vmId", "mac", "attachment", "networkName", "switchName", "sourceDevice",
                    "targetDevice", "ipAddresses"),
            Set.of(),
            List.of(new Column<>("vm_id", VirtualNic::vmId),
                    new Column<>("mac", VirtualNic::mac),
                    new Column<>("attachment", n -> n.attachment().name()),
                    new Column<>("network_name", VirtualNic::networkName),
                    new Column<>("switch_name", VirtualNic::switchName)));

    private Tables() {
    }

    /** The id under which a traffic filter definition is stored. */
    static String filterId(String sourceId, TrafficFilterDefinition filter) {
        return (filter.hostId() != null ? filter.hostId() : sourceId) + "/nwfilter/" + filter.name();
    }

    /**
     * The display name of a vNIC: its VM's name and its MAC (or id), at most {@link ObjectLimits#MAX_NAME}
     * characters (the VM's name is shortened first, so that the MAC stays visible).
     */
    static String nicName(VirtualMachine vm, VirtualNic nic) {
        String suffix = " nic " + (nic.mac() != null && !nic.mac().isBlank() ? nic.mac() : nic.id());
        String name = vm.name() + suffix;
        if (name.length() <= ObjectLimits.MAX_NAME) {
            return name;
        }
        int keep = Math.max(0, ObjectLimits.MAX_NAME - suffix.length());
        String cut = vm.name().substring(0, Math.min(keep, vm.name().length())) + suffix;
        return cut.length() <= ObjectLimits.MAX_NAME ? cut : cut.substring(0, ObjectLimits.MAX_NAME);
    }
}

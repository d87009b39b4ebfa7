package org.virtguard.cli.inventory;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.virtguard.cli.output.Table;
import org.virtguard.model.Collected;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;

/** The inventory tables shown by {@code inventory list}, {@code inventory changes} and {@code demo}. */
public final class InventoryTables {

    private static final int SHORT_VALUE_CHARS = 60;

    private InventoryTables() {
    }

    public static Table hosts(List<StoredHost> hosts, List<StoredVm> vms) {
        Map<String, Long> vmCounts = vms.stream()
                .collect(Collectors.groupingBy(vm -> String.valueOf(vm.vm().hostId()), Collectors.counting()));
        Table table = new Table("name", "id", "hypervisor", "product", "version", "cpus", "memory", "vms", "source",
                "state", "last seen");
        for (StoredHost stored : hosts) {
            var h = stored.host();
            table.row(h.name(), h.id(), h.hypervisor(), h.productName(), h.productVersion(),
                    h.hardware() == null ? "" : h.hardware().cpus(),
                    h.hardware() == null ? "" : Formats.bytes(h.hardware().memoryBytes()),
                    vmCounts.getOrDefault(h.id(), 0L), stored.sourceId(), stored.stale() ? "STALE" : "current",
                    stored.lastSeen());
        }
        return table;
    }

    public static Table vms(List<StoredVm> vms, Map<String, String> hostNames) {
        Table table = new Table("name", "id", "host", "power", "vcpus", "memory", "nics", "networks", "state",
                "last seen");
        for (StoredVm stored : vms) {
            VirtualMachine vm = stored.vm();
            String networks = vm.nics().stream().map(InventoryTables::attachedTo).distinct()
                    .collect(Collectors.joining(","));
            table.row(vm.name(), vm.id(), hostNames.getOrDefault(vm.hostId(), vm.hostId()), vm.powerState(),
                    vm.vcpus(), Formats.bytes(vm.memoryBytes()), vm.nics().size(), networks,
                    stored.stale() ? "STALE" : "current", stored.lastSeen());
        }
        return table;
    }

    public static Table nics(List<StoredVm> vms, Map<String, String> hostNames) {
        Table table = new Table("vm", "host", "mac", "attachment", "network", "model", "filter", "anti-spoofing",
                "ips");
        for (StoredVm stored : vms) {
            VirtualMachine vm = stored.vm();
            for (VirtualNic nic : vm.nics()) {
                String filter = nic.filter() == null ? "none" : nic.filter().name();
                String protections = nic.filter() == null ? "none" : nic.filter().protections().describe();
                table.row(vm.name(), hostNames.getOrDefault(vm.hostId(), vm.hostId()), nic.mac(), nic.attachment(),
                        attachedTo(nic), nic.model(), filter, protections, brief(nic.ipAddresses()));
            }
        }
        return table;
    }

    public static Table networks(List<StoredNetwork> networks, Map<String, String> hostNames) {
        Table table = new Table("name", "host", "kind", "forward", "bridge", "vlan", "subnets", "promiscuous",
                "forged tx", "mac changes");
        for (StoredNetwork stored : networks) {
            Network n = stored.network();
            L2SecurityPolicy l2 = n.l2Policy();
            table.row(n.name(), n.hostId() == null ? "" : hostNames.getOrDefault(n.hostId(), n.hostId()), n.kind(),
                    n.forwardMode(), n.bridge(), n.vlan().map(v -> v.mode() + (v.ids().isEmpty() ? "" : " " + v.ids()))
                            .describe(),
                    String.join(",", n.ipRanges()), flag(l2.promiscuousAllowed()), flag(l2.forgedTransmitsAllowed()),
                    flag(l2.macChangesAllowed()));
        }
        return table;
    }

    /** Where a vNIC is plugged in: its network, else its bridge or host device, else its attachment kind. */
    static String attachedTo(VirtualNic nic) {
        if (nic.networkName() != null) {
            return nic.networkName();
        }
        if (nic.switchName() != null) {
            return "bridge:" + nic.switchName();
        }
        if (nic.sourceDevice() != null) {
            return "dev:" + nic.sourceDevice();
        }
        return nic.attachment().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String brief(Collected<List<String>> addresses) {
        if (!addresses.isCollected()) {
            return "not collected";
        }
        return addresses.value() == null ? "" : String.join(",", addresses.value());
    }

    private static String flag(Collected<Boolean> value) {
        if (!value.isCollected()) {
            return "not collected";
        }
        return Boolean.TRUE.equals(value.value()) ? "accept" : "reject";
    }

    public static Table changes(List<InventoryChange> changes, boolean shorten) {
        Table table = new Table("at", "source", "object", "name", "change", "field", "before", "after");
        for (InventoryChange c : changes) {
            table.row(c.at(), c.sourceId(), c.objectType(), c.objectName(), c.type(), c.field(),
                    shorten ? shorten(c.oldValue()) : c.oldValue(), shorten ? shorten(c.newValue()) : c.newValue());
        }
        return table;
    }

    static String shorten(String value) {
        if (value == null) {
            return "";
        }
        String oneLine = value.replace('\n', ' ');
        return oneLine.length() <= SHORT_VALUE_CHARS ? oneLine : oneLine.substring(0, SHORT_VALUE_CHARS - 3) + "...";
    }
}

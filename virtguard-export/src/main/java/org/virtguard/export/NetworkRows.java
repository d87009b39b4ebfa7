package org.virtguard.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;

/** The rows of vSwitch: one per network or port group, with its switch, VLAN and layer-2 security policy. */
final class NetworkRows {

    static final List<String> HEADERS = List.of("Switch", "Network / port group", "Kind", "Host", "VLAN",
            "Promiscuous mode", "Forged transmits", "MAC changes", "Forward mode", "Bridge", "Subnets", "Active",
            "vNICs", "Source", "Stale", "Network ID");

    private NetworkRows() {
    }

    static List<List<?>> rows(List<StoredNetwork> networks, Map<String, Host> hosts, List<StoredVm> vms) {
        Map<String, Long> perHostAndName = new HashMap<>();
        Map<String, Long> perName = new HashMap<>();
        for (StoredVm vm : vms) {
            for (VirtualNic nic : vm.vm().nics()) {
                if (nic.networkName() != null) {
                    perHostAndName.merge(vm.vm().hostId() + "\u0000" + nic.networkName(), 1L, Long::sum);
                    perName.merge(nic.networkName(), 1L, Long::sum);
                }
            }
        }
        List<StoredNetwork> sorted = new ArrayList<>(networks);
        sorted.sort(Comparator.comparing((StoredNetwork n) -> String.valueOf(n.network().switchName()))
                .thenComparing(n -> n.network().name()).thenComparing(n -> n.network().id()));
        List<List<?>> rows = new ArrayList<>();
        for (StoredNetwork stored : sorted) {
            Network n = stored.network();
            Host host = n.hostId() == null ? null : hosts.get(n.hostId());
            long nics = n.hostId() == null ? perName.getOrDefault(n.name(), 0L)
                    : perHostAndName.getOrDefault(n.hostId() + "\u0000" + n.name(), 0L);
            rows.add(Cells.list(n.switchName(), n.name(), n.kind().name(),
                    n.hostId() == null ? "(all hosts)" : VmRows.hostName(host, n.hostId()), Cells.vlan(n.vlan()),
                    Cells.policy(n.l2Policy().promiscuousAllowed()), Cells.policy(n.l2Policy().forgedTransmitsAllowed()),
                    Cells.policy(n.l2Policy().macChangesAllowed()), n.forwardMode(), n.bridge(),
                    Cells.join(n.ipRanges()), n.active(), nics, stored.sourceId(), stored.stale(), n.id()));
        }
        return rows;
    }
}

package org.virtguard.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.virtguard.model.PowerState;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.StoredVm;

/** The rows of vZone: one per trust zone that holds a vNIC, and {@code (no zone)} for vNICs in none. */
final class ZoneRows {

    static final List<String> HEADERS = List.of("Zone", "Trust", "Management", "VMs", "Running VMs", "vNICs",
            "Hosts", "Networks");

    private ZoneRows() {
    }

    /** What one zone holds. */
    private static final class Tally {
        TrustZone zone;
        final Set<String> vms = new HashSet<>();
        final Set<String> running = new HashSet<>();
        final Set<String> hosts = new HashSet<>();
        final Set<String> networks = new TreeSet<>();
        long nics;
    }

    static List<List<?>> rows(List<StoredVm> vms, Map<String, Optional<TrustZone>> nicZones) {
        Map<String, Tally> byZone = new TreeMap<>();
        for (StoredVm stored : vms) {
            VirtualMachine vm = stored.vm();
            for (VirtualNic nic : vm.nics()) {
                Optional<TrustZone> zone = nicZones.getOrDefault(nic.id(), Optional.empty());
                Tally t = byZone.computeIfAbsent(zone.map(TrustZone::name).orElse(InventoryExport.NO_ZONE),
                        k -> new Tally());
                t.zone = zone.orElse(null);
                t.vms.add(vm.id());
                if (vm.powerState() == PowerState.RUNNING) {
                    t.running.add(vm.id());
                }
                t.nics++;
                if (vm.hostId() != null) {
                    t.hosts.add(vm.hostId());
                }
                if (nic.networkName() != null) {
                    t.networks.add(nic.networkName());
                }
            }
        }
        List<List<?>> rows = new ArrayList<>();
        byZone.forEach((name, t) -> rows.add(Cells.list(name, t.zone == null ? null : (long) t.zone.trust(),
                t.zone == null ? null : t.zone.management(), (long) t.vms.size(), (long) t.running.size(), t.nics,
                (long) t.hosts.size(), Cells.join(t.networks))));
        return rows;
    }
}

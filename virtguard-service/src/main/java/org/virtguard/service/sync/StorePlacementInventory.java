package org.virtguard.service.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.lifecycle.PlacementInventory;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;

/** One read of the stored inventory, indexed for the migration guard. */
final class StorePlacementInventory implements PlacementInventory {

    private final Map<String, VirtualMachine> vms = new HashMap<>();
    private final Map<String, Host> hosts = new HashMap<>();
    private final Map<String, List<VirtualMachine>> byHost = new HashMap<>();
    private final List<Network> networks;

    StorePlacementInventory(InventoryRepository inventory) {
        for (StoredHost h : inventory.hosts()) {
            hosts.put(h.host().id(), h.host());
            hosts.putIfAbsent(h.host().name(), h.host());
        }
        for (StoredVm v : inventory.vms()) {
            vms.put(v.vm().id(), v.vm());
            if (v.vm().hostId() != null) {
                byHost.computeIfAbsent(v.vm().hostId(), k -> new java.util.ArrayList<>()).add(v.vm());
            }
        }
        networks = inventory.networks().stream().map(StoredNetwork::network).toList();
    }

    @Override
    public Optional<VirtualMachine> vm(String vmId) {
        return Optional.ofNullable(vms.get(vmId));
    }

    @Override
    public Optional<Host> host(String idOrName) {
        return Optional.ofNullable(hosts.get(idOrName));
    }

    @Override
    public List<VirtualMachine> vmsOn(String hostId) {
        return byHost.getOrDefault(hostId, List.of());
    }

    @Override
    public List<Network> networks() {
        return networks;
    }
}

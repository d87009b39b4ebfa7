package org.virtguard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/**
 * Keeps the vNIC rows of written VMs in line with their VM documents. Silent: vNIC changes are logged
 * from the VM comparison.
 */
final class NicRowSync {

    private final ObjectRows<VirtualNic> rows;

    NicRowSync(ObjectRows<VirtualNic> rows) {
        this.rows = rows;
    }

    void apply(List<Incoming<VirtualMachine>> vms, Instant at) {
        if (vms.isEmpty()) {
            return;
        }
        List<Incoming<VirtualNic>> desired = new ArrayList<>();
        Set<String> vmIds = new HashSet<>();
        for (Incoming<VirtualMachine> vm : vms) {
            vmIds.add(vm.id());
            for (VirtualNic nic : vm.record().nics()) {
                desired.add(Incoming.of(nic.id(), Tables.nicName(vm.record(), nic), vm.sourceId(), nic));
            }
        }
        Map<String, PriorRow> prior = rows.byOwners(vmIds);
        prior.putAll(rows.byIds(desired.stream().map(Incoming::id).filter(id -> !prior.containsKey(id)).toList()));

        List<Incoming<VirtualNic>> inserts = new ArrayList<>();
        List<Incoming<VirtualNic>> updates = new ArrayList<>();
        Set<String> desiredIds = new HashSet<>();
        for (Incoming<VirtualNic> nic : desired) {
            desiredIds.add(nic.id());
            PriorRow row = prior.get(nic.id());
            if (row == null) {
                inserts.add(nic);
            } else if (!row.sameAs(nic)) {
                updates.add(nic);
            }
        }
        List<String> removed = prior.values().stream()
                .filter(row -> !row.removed() && vmIds.contains(row.ownerId()) && !desiredIds.contains(row.id()))
                .map(PriorRow::id)
                .toList();
        rows.insert(inserts, at);
        rows.update(updates, at);
        rows.markRemoved(removed, at);
    }
}

package org.virtguard.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.virtguard.model.ChangeType;
import org.virtguard.model.ObjectType;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.store.Plan.Action;
import org.virtguard.store.Plan.Step;

/** Applies incoming VMs with their vNICs and logs VM-level changes. */
final class VmSync {

    private final ObjectRows<VirtualMachine> vms;
    private final ObjectRows<VirtualNic> nics;
    private final ChangeLog log;
    private final VmChanges changes;

    VmSync(Handle handle, ChangeLog log, HostNames hosts) {
        this.vms = new ObjectRows<>(handle, Tables.VM);
        this.nics = new ObjectRows<>(handle, Tables.NIC);
        this.log = log;
        this.changes = new VmChanges(log, hosts);
    }

    /**
     * @param removalScope sources whose stored VMs missing from {@code incoming} count as removed
     */
    Counts apply(List<Incoming<VirtualMachine>> incoming, Collection<String> removalScope) {
        Plan<VirtualMachine> plan = Plan.of(vms, incoming, removalScope);
        Map<String, String> oldDocs = vms.docs(plan.contentChangedIds());

        List<Incoming<VirtualMachine>> written = new ArrayList<>(plan.incoming(Action.INSERT));
        written.addAll(plan.rewrites());
        vms.insert(plan.incoming(Action.INSERT), log.at());
        vms.update(plan.rewrites(), log.at());
        new NicRowSync(nics).apply(written, log.at());

        for (Step<VirtualMachine> step : plan.steps()) {
            Incoming<VirtualMachine> vm = step.incoming();
            switch (step.action()) {
                case INSERT, REVIVE -> log.add(vm.sourceId(), ObjectType.VM, vm.id(), vm.name(), ChangeType.CREATED);
                case UPDATE -> {
                    VirtualMachine before = step.contentChanged()
                            ? InventoryJson.read(oldDocs.get(vm.id()), VirtualMachine.class) : null;
                    changes.log(before, vm, !step.prior().sourceId().equals(vm.sourceId()));
                }
                case UNCHANGED -> { }
            }
        }
        remove(plan.removed());
        return Counts.of(plan);
    }

    /** Marks VMs removed, with their vNICs, and logs one {@code REMOVED} per VM. */
    void remove(List<PriorRow> gone) {
        List<String> ids = gone.stream().map(PriorRow::id).toList();
        vms.markRemoved(ids, log.at());
        nics.markRemovedByOwners(ids, log.at());
        for (PriorRow vm : gone) {
            log.add(vm.sourceId(), ObjectType.VM, vm.id(), vm.name(), ChangeType.REMOVED);
        }
    }

    ObjectRows<VirtualMachine> vmRows() {
        return vms;
    }

    ObjectRows<VirtualNic> nicRows() {
        return nics;
    }
}

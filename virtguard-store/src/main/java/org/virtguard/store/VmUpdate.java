package org.virtguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.VirtualMachine;

/** One {@link InventoryRepository#applyVm} call inside its transaction. */
final class VmUpdate {

    static final String KIND = "VM_EVENT";

    private final Handle handle;
    private final ChangeLog log;

    VmUpdate(Handle handle, Instant at) {
        this.handle = handle;
        this.log = new ChangeLog(at);
    }

    List<InventoryChange> apply(String sourceId, String vmId, Optional<Incoming<VirtualMachine>> vm) {
        new SourceRows(handle).lock(List.of(sourceId), log.at());
        VmSync sync = new VmSync(handle, log, new HostNames(handle, Map.of()));
        if (vm.isPresent()) {
            sync.apply(List.of(vm.get()), List.of());
            sync.vmRows().touchIds(List.of(vmId), log.at());
            sync.nicRows().touchOwners(List.of(vmId), log.at());
        } else {
            List<PriorRow> gone = sync.vmRows().byIds(List.of(vmId)).values().stream()
                    .filter(row -> !row.removed() && row.sourceId().equals(sourceId))
                    .toList();
            sync.remove(gone);
        }
        if (log.isEmpty()) {
            return List.of();
        }
        return ChangeRows.write(handle, KIND, log.at(), List.of(sourceId), List.of(), log).changes();
    }
}

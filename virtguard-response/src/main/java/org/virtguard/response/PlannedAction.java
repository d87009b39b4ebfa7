package org.virtguard.response;

import java.util.List;

import org.virtguard.spi.VmAction;
import org.virtguard.store.StoredVm;

/**
 * A dry-run result: the action resolved against the inventory and the policy, and what the hypervisor says
 * it would do.
 *
 * @param steps one line a step, from the VM's connector
 */
public record PlannedAction(StoredVm vm, VmAction action, List<String> steps) {
    public PlannedAction {
        steps = List.copyOf(steps);
    }
}

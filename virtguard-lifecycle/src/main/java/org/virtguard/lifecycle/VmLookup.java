package org.virtguard.lifecycle;

import java.util.Optional;

import org.virtguard.model.VirtualMachine;

/** Finds a VM as last collected, by its id (the store implements it; {@link PlacementInventory#vm} fits). */
@FunctionalInterface
public interface VmLookup {

    /** The VM, or empty when the inventory does not know it. */
    Optional<VirtualMachine> vm(String vmId);

    /** A lookup that knows no VM. */
    static VmLookup none() {
        return vmId -> Optional.empty();
    }
}

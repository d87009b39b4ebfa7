package org.virtguard.lifecycle;

import java.util.List;
import java.util.Optional;

import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;

/** The current inventory as the migration guard reads it: one consistent view for a batch of changes. */
public interface PlacementInventory {

    Optional<VirtualMachine> vm(String vmId);

    /** A host by its id, or failing that by its name (change log entries name hosts by their label). */
    Optional<Host> host(String idOrName);

    /** The VMs the inventory places on this host. */
    List<VirtualMachine> vmsOn(String hostId);

    List<Network> networks();
}

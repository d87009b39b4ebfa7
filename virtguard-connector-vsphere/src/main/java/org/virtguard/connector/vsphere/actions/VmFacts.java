package org.virtguard.connector.vsphere.actions;

import java.util.List;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.w3c.dom.Element;

/**
 * What an action needs to know about one VM, read fresh before planning and executing.
 *
 * @param ref          the VM
 * @param name         its display name
 * @param instanceUuid its instance UUID (the model's VM id)
 * @param template     whether it is a template
 * @param powerState   {@code poweredOn}, {@code poweredOff} or {@code suspended}
 * @param host         the host it runs on, or {@code null}
 * @param pool         its resource pool, or {@code null} (templates)
 * @param folder       its folder, or {@code null} (VMs in a vApp)
 * @param nics         its Ethernet cards in device order
 * @param snapshot     its {@code VirtualMachineSnapshotInfo}, or {@code null} when it has no snapshot
 */
record VmFacts(ManagedObjectRef ref, String name, String instanceUuid, boolean template, String powerState,
               ManagedObjectRef host, ManagedObjectRef pool, ManagedObjectRef folder, List<EthernetCard> nics,
               Element snapshot) {

    VmFacts {
        nics = List.copyOf(nics);
    }

    boolean poweredOff() {
        return "poweredOff".equals(powerState);
    }

    /** {@code VM 'name'} for messages. */
    String shown() {
        return "VM " + Names.q(name);
    }
}

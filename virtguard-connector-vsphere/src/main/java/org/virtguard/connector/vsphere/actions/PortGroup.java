package org.virtguard.connector.vsphere.actions;

import org.virtguard.connector.vsphere.soap.ManagedObjectRef;

/**
 * A port group a NIC can be attached to.
 *
 * @param name       its name
 * @param ref        the {@code Network} or {@code DistributedVirtualPortgroup}, or {@code null} for a standard port
 *                   group known only from the host's network configuration
 * @param dvKey      the DV port group key, or {@code null} for a standard port group
 * @param switchUuid the UUID of its distributed switch, or {@code null} for a standard port group
 */
record PortGroup(String name, ManagedObjectRef ref, String dvKey, String switchUuid) {

    boolean distributed() {
        return dvKey != null;
    }
}

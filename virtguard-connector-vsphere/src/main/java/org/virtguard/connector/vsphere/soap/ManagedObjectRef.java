package org.virtguard.connector.vsphere.soap;

import java.util.Objects;

/**
 * A vim25 managed object reference: its type ({@code VirtualMachine}) and its id ({@code vm-42}).
 *
 * @param type  the managed object type
 * @param value the managed object id, unique within one vCenter
 */
public record ManagedObjectRef(String type, String value) {
    public ManagedObjectRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}

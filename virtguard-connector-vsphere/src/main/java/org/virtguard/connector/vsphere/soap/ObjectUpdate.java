package org.virtguard.connector.vsphere.soap;

import java.util.List;

/**
 * A change to one object in a {@code WaitForUpdatesEx} answer.
 *
 * @param kind    {@code enter}, {@code leave} or {@code modify}
 * @param obj     the object
 * @param changes its changed properties
 */
public record ObjectUpdate(String kind, ManagedObjectRef obj, List<PropertyChange> changes) {
    public ObjectUpdate {
        changes = List.copyOf(changes);
    }
}

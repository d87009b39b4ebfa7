package org.virtguard.connector.vsphere.soap;

import java.util.List;

/**
 * The answer of one {@code WaitForUpdatesEx} call.
 *
 * @param version the version to pass to the next call
 * @param updates   the object updates, in server order
 * @param truncated whether the server has more updates for this version (call again at once)
 */
public record UpdateSet(String version, List<ObjectUpdate> updates, boolean truncated) {
    public UpdateSet {
        updates = List.copyOf(updates);
    }
}

package org.virtguard.store;

import java.util.HashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;

/** Host names for rendering moves: from the snapshots being applied, else from the store, else the id. */
final class HostNames {

    private final Handle handle;
    private final Map<String, String> names;

    HostNames(Handle handle, Map<String, String> known) {
        this.handle = handle;
        this.names = new HashMap<>(known);
    }

    String label(String hostId) {
        if (hostId == null) {
            return null;
        }
        return names.computeIfAbsent(hostId, id -> handle
                .createQuery("SELECT name FROM inv_host WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .orElse(id));
    }
}

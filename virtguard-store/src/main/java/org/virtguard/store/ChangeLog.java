package org.virtguard.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.ObjectType;

/** The changes one write observes, collected in order before they are stored. */
final class ChangeLog {

    private final Instant at;
    private final List<InventoryChange> pending = new ArrayList<>();

    ChangeLog(Instant at) {
        this.at = at;
    }

    Instant at() {
        return at;
    }

    void add(String sourceId, ObjectType objectType, String objectId, String objectName, ChangeType type) {
        add(sourceId, objectType, objectId, objectName, type, null, null, null);
    }

    void add(String sourceId, ObjectType objectType, String objectId, String objectName, ChangeType type,
             String field, String oldValue, String newValue) {
        pending.add(new InventoryChange(0, at, sourceId, objectType, objectId, objectName, type, field, oldValue,
                newValue));
    }

    List<InventoryChange> pending() {
        return List.copyOf(pending);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }
}

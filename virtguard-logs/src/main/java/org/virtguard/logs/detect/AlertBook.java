package org.virtguard.logs.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import org.virtguard.model.Alert;

/**
 * The open incidents in memory, one per incident key, bounded (the least recently updated incident is dropped
 * beyond the limit). Not thread-safe; {@link AuthDetector} serialises access.
 */
final class AlertBook {

    private final BoundedLru<String, Incident> incidents;
    private final AlertListener listener;

    AlertBook(int maxIncidents, AlertListener listener) {
        this.incidents = new BoundedLru<>(maxIncidents);
        this.listener = listener;
    }

    Incident get(String key) {
        return incidents.get(key);
    }

    /** The incident under {@code key}, created by {@code factory} when there is none; reports created ones. */
    Incident open(String key, Supplier<Incident> factory) {
        Incident i = incidents.get(key);
        if (i == null) {
            i = factory.get();
            incidents.put(key, i);
        }
        return i;
    }

    void published(Incident incident, AlertListener.Change change) {
        if (listener != null) {
            listener.onAlert(incident.toAlert(), change);
        }
    }

    List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(incidents.size());
        for (Incident i : incidents.values()) {
            out.add(i.toAlert());
        }
        out.sort(Comparator.comparing(Alert::severity).reversed().thenComparing(Alert::firstSeen)
                .thenComparing(Alert::key));
        return out;
    }
}

package org.virtguard.store.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.virtguard.model.Alert;

/** Alerts raised by VirtGuard's detectors, one row per incident key. */
public interface AlertRepository {

    /**
     * Records an alert, or updates the stored incident with the same key: first seen is kept, last seen,
     * count, severity (never lowered), title, attributes and evidence take the newer values. A closed
     * incident that fires again is reopened.
     *
     * @return the stored state after the write
     */
    StoredAlert record(Alert alert, Instant at);

    Optional<StoredAlert> find(String key);

    /** Alerts matching the query, most recently seen first. */
    List<StoredAlert> list(AlertQuery query);

    /**
     * Changes an alert's handling status.
     *
     * @return whether an alert with that key exists
     */
    boolean setStatus(String key, AlertStatus status, String note, Instant at);
}

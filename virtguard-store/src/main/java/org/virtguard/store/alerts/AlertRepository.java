package org.virtguard.store.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.Alert;
import org.virtguard.model.Severity;

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

    /**
     * Alerts written (raised or updated) after {@code after}, in the order they were written, at most
     * {@code limit}. Writes are numbered in commit order, so following the returned cursors misses none, whatever
     * the alerts' evidence times.
     */
    List<ChangedAlert> changedAfter(AlertChangeCursor after, int limit);

    /**
     * Deletes the alerts last seen before {@code cutoff} (retention); an incident still firing keeps moving its
     * last-seen time and is kept.
     *
     * @return how many were deleted
     */
    int deleteLastSeenBefore(Instant cutoff);

    /** Alerts matching the query, most recently seen first (ties by key), at most {@code query.limit()}. */
    List<StoredAlert> list(AlertQuery query);

    /**
     * One page of the alerts matching the query's filters (its limit is ignored), in the order of
     * {@link #list}, paged in the database.
     */
    List<StoredAlert> page(AlertQuery query, int offset, int limit);

    /** How many alerts match the query's filters (its limit is ignored). */
    long count(AlertQuery query);

    /** Alerts in a status, by severity; every severity is present, zero when none. */
    Map<Severity, Long> countBySeverity(AlertStatus status);

    /** Alerts per status; every status is present, zero when none. */
    Map<AlertStatus, Long> countByStatus();

    /**
     * Changes an alert's handling status.
     *
     * @return whether an alert with that key exists
     */
    boolean setStatus(String key, AlertStatus status, String note, Instant at);
}

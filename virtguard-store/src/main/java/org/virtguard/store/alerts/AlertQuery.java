package org.virtguard.store.alerts;

import java.time.Instant;

import org.virtguard.model.Severity;

/**
 * Filters for listing alerts; {@code null} fields do not filter.
 *
 * @param minSeverity only alerts at or above this severity
 * @param kindPrefix  only alerts whose kind starts with this (e.g. {@code auth.}, {@code flow.})
 * @param since       only alerts seen at or after this instant
 * @param status      only alerts in this status
 * @param limit       at most this many, newest first
 */
public record AlertQuery(Severity minSeverity, String kindPrefix, Instant since, AlertStatus status, int limit) {

    public static AlertQuery all() {
        return new AlertQuery(null, null, null, null, 1000);
    }
}

package org.virtguard.server.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.virtguard.model.Severity;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.AlertRepository;
import org.virtguard.store.alerts.AlertStatus;
import org.virtguard.store.alerts.StoredAlert;

/**
 * Alert counts and pages for the dashboard, the API and metrics. Counting matching alerts is a scan, so
 * totals are reused for {@link #COUNT_TTL}: a page's total may lag new alerts by that much.
 */
public final class AlertStats {

    /** How long a counted total is reused. */
    public static final Duration COUNT_TTL = Duration.ofSeconds(2);
    private static final int MAX_CACHED_COUNTS = 256;

    private final AlertRepository alerts;
    private final ConcurrentHashMap<AlertQuery, CachedCount> counts = new ConcurrentHashMap<>();

    private record CachedCount(long value, long at) {
    }

    public AlertStats(AlertRepository alerts) {
        this.alerts = alerts;
    }

    /** Alerts in a status, by severity (every severity present, zero when none). */
    public Map<Severity, Long> bySeverity(AlertStatus status) {
        return alerts.countBySeverity(status);
    }

    /** How many alerts match the query's filters (its limit is ignored), reused for {@link #COUNT_TTL}. */
    public long count(AlertQuery q) {
        AlertQuery key = new AlertQuery(q.minSeverity(), q.kindPrefix(), q.since(), q.status(), 0);
        long now = System.nanoTime();
        CachedCount cached = counts.get(key);
        if (cached != null && now - cached.at() < COUNT_TTL.toNanos()) {
            return cached.value();
        }
        long value = alerts.count(q);
        if (counts.size() >= MAX_CACHED_COUNTS) {
            counts.clear();
        }
        counts.put(key, new CachedCount(value, now));
        return value;
    }

    /** One page of the alerts matching the query's filters, most recently seen first, paged in the database. */
    public List<StoredAlert> page(AlertQuery q, int offset, int limit) {
        return alerts.page(q, offset, limit);
    }

    /** Alerts per status. */
    public Map<AlertStatus, Long> byStatus() {
        return alerts.countByStatus();
    }
}

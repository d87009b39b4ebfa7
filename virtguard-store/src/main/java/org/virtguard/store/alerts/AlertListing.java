package org.virtguard.store.alerts;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Sql;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.listing.ListTable;

/** Alerts sorted, filtered and paged in the database. */
public final class AlertListing {

    /**
     * Sorts: lastSeen (default, newest first), firstSeen, severity, count, kind, status, title. Filters: filter
     * (title, kind or key contains), severity (minimum), kind (prefix), status, since (last seen at or after an
     * ISO-8601 instant), vm (source VM id).
     */
    public static final ListTable ALERTS = ListTable.builder("alert", "1 = 1", "alert_key")
            .sort("lastSeen", "last_seen").sort("firstSeen", "first_seen").sort("severity", "severity_rank")
            .sort("count", "event_count").sort("kind", "kind").sort("status", "status").sort("title", "title")
            .defaultSort("lastSeen", true)
            .containsAny("filter", "title", "kind", "alert_key")
            .filter("severity", "severity_rank >= :v", v -> Severity.parse(v).ordinal())
            .filter("kind", "kind LIKE :v ESCAPE '!'", ListTable::prefix)
            .filter("status", "status = :v", v -> AlertStatus.valueOf(v.toUpperCase(Locale.ROOT)).name())
            .filter("since", "last_seen >= :v", AlertListing::instant)
            .equals("vm", "source_vm_id")
            .build();

    private final Jdbi jdbi;

    public AlertListing(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A page of alerts; see {@link #ALERTS}. */
    public ListResult<StoredAlert> page(ListRequest request) {
        return jdbi.withHandle(h -> ALERTS.run(h, "alert_key, status, status_note, updated_at, doc", request,
                (rs, ctx) -> new StoredAlert(InventoryJson.read(rs.getString("doc"), Alert.class),
                        AlertStatus.valueOf(rs.getString("status")), rs.getString("status_note"),
                        Sql.instant(rs, "updated_at"))));
    }

    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }
}

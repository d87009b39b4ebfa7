package org.virtguard.store.flows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.listing.ListTable;

/** Per-minute flow edges sorted, filtered and paged in the database. */
public final class FlowListing {

    /**
     * Sorts: minute (default, newest first), from, to, flows, packets, bytes. Filters: kind ({@code VM} or
     * {@code ZONE}), filter (from or to contains), name (from or to equals), since (minute at or after an ISO-8601
     * instant), eastWest ({@code true}/{@code false}).
     */
    public static final ListTable EDGES = ListTable.builder("flow_edge", "1 = 1",
                    "minute_start, edge_kind, from_name, to_name, east_west")
            .sort("minute", "minute_start").sort("from", "from_name").sort("to", "to_name").sort("flows", "flows")
            .sort("packets", "packets").sort("bytes", "bytes").defaultSort("minute", true)
            .filter("kind", "edge_kind = :v", v -> v.toUpperCase(Locale.ROOT))
            .containsAny("filter", "from_name", "to_name")
            .filter("name", "from_name = :v OR to_name = :v", v -> v)
            .filter("since", "minute_start >= :v", FlowListing::instant)
            .filter("eastWest", "east_west = :v", Boolean::parseBoolean)
            .build();

    private static final String COLUMNS = "minute_start, edge_kind, from_name, to_name, east_west, flows, packets, bytes";

    private final Jdbi jdbi;

    public FlowListing(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A page of edges; see {@link #EDGES}. */
    public ListResult<StoredFlowEdge> page(ListRequest request) {
        return jdbi.withHandle(h -> EDGES.run(h, COLUMNS, request, (rs, ctx) -> FlowEdgeRepository.row(rs)));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 instant such as 2026-11-22T08:00:00Z");
        }
    }
}

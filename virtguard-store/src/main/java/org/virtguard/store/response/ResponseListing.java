package org.virtguard.store.response;

import java.util.Locale;
import java.util.Objects;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.listing.ListTable;

/** Response actions sorted, filtered and paged in the database. */
public final class ResponseListing {

    /**
     * Sorts: id (default, newest first), requested, status, kind, vm. Filters: filter (VM, requester, reason
     * contains), status, kind, vm (VM id).
     */
    public static final ListTable ACTIONS = ListTable.builder("response_action", "1 = 1", "id")
            .sort("id", "id").sort("requested", "requested_at").sort("status", "status")
            .sort("kind", "action_kind").sort("vm", "vm_name").defaultSort("id", true)
            .containsAny("filter", "vm_name", "vm_id", "requested_by", "reason")
            .filter("status", "status = :v", v -> v.toUpperCase(Locale.ROOT))
            .filter("kind", "action_kind = :v", v -> v.toUpperCase(Locale.ROOT))
            .equals("vm", "vm_id")
            .build();

    private final Jdbi jdbi;

    public ResponseListing(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A page of actions; see {@link #ACTIONS}. */
    public ListResult<StoredAction> page(ListRequest request) {
        return jdbi.withHandle(h -> ACTIONS.run(h, ResponseRepository.COLUMNS, request,
                (rs, ctx) -> ResponseRepository.read(rs)));
    }
}

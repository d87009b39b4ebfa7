package org.virtguard.store.security;

import java.util.Objects;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.listing.ListTable;

/** The audit log sorted, filtered and paged in the database. */
public final class AuditListing {

    /**
     * Sorts: seq (default, newest first), at, actor, action, outcome. Filters: filter (actor, action, target or
     * detail contains), actor, action (prefix), outcome.
     */
    public static final ListTable ENTRIES = ListTable.builder("audit_entry", "1 = 1", "seq")
            .sort("seq", "seq").sort("at", "at").sort("actor", "actor").sort("action", "action")
            .sort("outcome", "outcome").defaultSort("seq", true)
            .containsAny("filter", "actor", "action", "target", "detail")
            .equals("actor", "actor")
            .filter("action", "action LIKE :v ESCAPE '!'", ListTable::prefix)
            .equals("outcome", "outcome")
            .build();

    private final Jdbi jdbi;

    public AuditListing(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A page of entries; see {@link #ENTRIES}. */
    public ListResult<AuditEntry> page(ListRequest request) {
        return jdbi.withHandle(h -> ENTRIES.run(h, AuditLog.COLUMNS, request, (rs, ctx) -> AuditLog.read(rs)));
    }
}

package org.virtguard.store.listing;

import java.util.Map;
import java.util.Objects;

/**
 * One page of a list: a sort key, its direction, filters by key and the page window. Keys are checked against
 * the {@link ListTable} that runs the request; values are bound as parameters, never spliced into SQL.
 *
 * @param sort       a sort key of the table, or {@code null} for its default
 * @param descending whether the sort is descending
 * @param filters    filter key to value; blank values do not filter
 * @param offset     rows to skip, at least 0
 * @param limit      rows to return, at least 1
 */
public record ListRequest(String sort, boolean descending, Map<String, String> filters, int offset, int limit) {

    public ListRequest {
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1, got " + offset + "/" + limit);
        }
    }

    /** The first {@code limit} rows in the default order, unfiltered. */
    public static ListRequest first(int limit) {
        return new ListRequest(null, false, Map.of(), 0, limit);
    }

    /** This request with one more filter. */
    public ListRequest with(String key, String value) {
        java.util.Map<String, String> more = new java.util.HashMap<>(filters);
        more.put(Objects.requireNonNull(key), value);
        return new ListRequest(sort, descending, more, offset, limit);
    }

    /** This request moved to another window. */
    public ListRequest window(int newOffset, int newLimit) {
        return new ListRequest(sort, descending, filters, newOffset, newLimit);
    }
}

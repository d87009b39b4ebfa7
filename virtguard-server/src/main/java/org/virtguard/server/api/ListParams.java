package org.virtguard.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.javalin.http.Context;
import org.virtguard.store.listing.ListRequest;
import org.virtguard.store.listing.ListResult;
import org.virtguard.store.listing.ListTable;

/**
 * The query parameters every list shares, in the console and in the API: {@code sort} (a key of the list),
 * {@code dir} ({@code asc}/{@code desc}), {@code filter} (text, also accepted as {@code q}), {@code page}
 * (from 1) and {@code size} (1 to {@value #MAX_SIZE}), plus the list's own named filters. The API also takes
 * {@code offset}/{@code limit} (limit up to {@value Paging#MAX_LIMIT}). Every value is bounded; unknown sort keys
 * and bad values answer 400 naming the parameter.
 *
 * @param sort        the sort key, or {@code null} for the list's default order
 * @param descending  whether descending
 * @param filters     the filters given, by key (text filter under {@code filter})
 * @param offset      rows skipped
 * @param size        rows per page
 */
public record ListParams(String sort, boolean descending, Map<String, String> filters, int offset, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    public static final int MAX_TEXT = 200;
    /** Deeper pages than this are refused: narrow the filter instead. */
    public static final int MAX_OFFSET = 100_000;

    public ListParams {
        filters = Map.copyOf(filters);
    }

    /** The parameters of a request for {@code table}, with {@code defaultSize} rows a page unless asked. */
    public static ListParams from(Context ctx, ListTable table, int defaultSize) {
        String sort = text(ctx, "sort");
        if (sort != null && !table.sortKeys().contains(sort)) {
            throw ApiError.invalid("query parameter 'sort' must be one of " + new TreeSet<>(table.sortKeys()));
        }
        String dir = text(ctx, "dir");
        boolean descending;
        if (dir == null) {
            descending = sort == null ? table.defaultDescending() : false;
        } else if (dir.equalsIgnoreCase("asc") || dir.equalsIgnoreCase("desc")) {
            descending = dir.equalsIgnoreCase("desc");
        } else {
            throw ApiError.invalid("query parameter 'dir' must be asc or desc");
        }
        Map<String, String> filters = new TreeMap<>();
        for (String key : table.filterKeys()) {
            String value = text(ctx, key);
            if (key.equals("filter") && value == null) {
                value = text(ctx, "q");
            }
            if (value != null) {
                filters.put(key, value);
            }
        }
        int size;
        int offset;
        if (ctx.queryParam("offset") != null || ctx.queryParam("limit") != null) {
            size = Paging.intParam(ctx, "limit", Math.min(defaultSize, Paging.MAX_LIMIT), 1, Paging.MAX_LIMIT);
            offset = Paging.intParam(ctx, "offset", 0, 0, MAX_OFFSET);
        } else {
            size = Paging.intParam(ctx, "size", defaultSize, 1, MAX_SIZE);
            int page = Paging.intParam(ctx, "page", 1, 1, MAX_OFFSET);
            if ((long) (page - 1) * size > MAX_OFFSET) {
                throw ApiError.invalid("query parameter 'page' goes beyond " + MAX_OFFSET + " rows; narrow the filter");
            }
            offset = (page - 1) * size;
        }
        return new ListParams(sort, descending, filters, offset, size);
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw ApiError.invalid("query parameter '" + name + "' is longer than " + MAX_TEXT + " characters");
        }
        return value.strip();
    }

    /** The page number, from 1. */
    public int page() {
        return offset / size + 1;
    }

    /** The store request for this page. */
    public ListRequest request() {
        return new ListRequest(sort, descending, filters, offset, size);
    }

    /** Runs {@code listing} on this page; a filter value the list refuses answers 400 with its reason. */
    public <T> ListResult<T> run(Function<ListRequest, ListResult<T>> listing) {
        return run(listing, request());
    }

    /** Runs {@code listing} on {@code request}, answering 400 for values the list refuses. */
    public static <T> ListResult<T> run(Function<ListRequest, ListResult<T>> listing, ListRequest request) {
        try {
            return listing.apply(request);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(e.getMessage());
        }
    }

    /** The API's page envelope: items, total, offset, limit, nextOffset, page, size, sort, dir, filters. */
    public Map<String, Object> envelope(List<?> items, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", total);
        body.put("offset", offset);
        body.put("limit", size);
        body.put("nextOffset", offset + items.size() < total ? offset + items.size() : null);
        body.put("page", page());
        body.put("size", size);
        body.put("sort", sort);
        body.put("dir", sort == null ? null : descending ? "desc" : "asc");
        body.put("filters", new TreeMap<>(filters));
        return body;
    }

    /**
     * The query string ({@code ?...}) of these parameters with some replaced: {@code null} removes one. Used for the
     * console's sort, pager and export links.
     */
    public String query(Map<String, String> changes) {
        Map<String, String> all = new TreeMap<>(filters);
        if (sort != null) {
            all.put("sort", sort);
            all.put("dir", descending ? "desc" : "asc");
        }
        if (offset > 0) {
            all.put("page", String.valueOf(page()));
        }
        if (size != DEFAULT_SIZE) {
            all.put("size", String.valueOf(size));
        }
        changes.forEach((k, v) -> {
            if (v == null) {
                all.remove(k);
            } else {
                all.put(k, v);
            }
        });
        StringBuilder q = new StringBuilder();
        all.forEach((k, v) -> q.append(q.isEmpty() ? '?' : '&').append(enc(k)).append('=').append(enc(v)));
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The filter value given for {@code key}, or {@code ""}. */
    public String filter(String key) {
        return filters.getOrDefault(key, "");
    }

    /** Lower-case name of the direction. */
    public String dir() {
        return (descending ? "desc" : "asc").toLowerCase(Locale.ROOT);
    }
}

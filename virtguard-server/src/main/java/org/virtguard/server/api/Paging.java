package org.virtguard.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

/**
 * {@code limit} and {@code offset} query parameters, and the page envelope
 * {@code {"items": [...], "total": n, "offset": o, "limit": l, "nextOffset": o+l or null}}.
 *
 * @param offset items to skip
 * @param limit  items per page
 */
public record Paging(int offset, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final int MAX_OFFSET = 10_000_000;

    public static Paging from(Context ctx) {
        return new Paging(intParam(ctx, "offset", 0, 0, MAX_OFFSET), intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw ApiError.invalid("query parameter '" + name + "' must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiError.invalid("query parameter '" + name + "' must be an integer");
        }
    }

    /** The page of an already sorted list. */
    public <T> Map<String, Object> page(List<T> sorted) {
        int from = Math.min(offset, sorted.size());
        int to = Math.min(sorted.size(), from + limit);
        return envelope(sorted.subList(from, to), sorted.size());
    }

    /** The envelope of a page fetched elsewhere. */
    public Map<String, Object> envelope(List<?> items, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", total);
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("nextOffset", offset + items.size() < total ? offset + items.size() : null);
        return body;
    }
}

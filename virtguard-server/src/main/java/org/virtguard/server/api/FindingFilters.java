package org.virtguard.server.api;

import io.javalin.http.Context;
import org.virtguard.model.Severity;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.store.findings.FindingQuery;

/**
 * The findings filter from query parameters {@code severity} (minimum), {@code check}, {@code area}, {@code zone},
 * {@code host} and {@code state}; shared by the API and the console page.
 */
public final class FindingFilters {

    private static final int MAX_VALUE = 1024;

    private FindingFilters() {
    }

    /**
     * Reads and validates the filter.
     *
     * @throws ApiError {@code 400 INVALID_REQUEST} naming the parameter that is wrong
     */
    public static FindingFilter from(Context ctx) {
        Severity severity;
        try {
            String s = ctx.queryParam("severity");
            severity = s == null || s.isEmpty() ? null : Severity.parse(s);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("query parameter 'severity': " + e.getMessage());
        }
        FindingFilter filter = new FindingFilter(severity, text(ctx, "check"), text(ctx, "zone"), text(ctx, "host"),
                text(ctx, "state"), text(ctx, "area"), text(ctx, "vm"));
        try {
            new FindingQuery(null, null, null, null, null, filter.state());
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("query parameter 'state': " + e.getMessage());
        }
        return filter;
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_VALUE) {
            throw ApiError.invalid("query parameter '" + name + "' is longer than " + MAX_VALUE + " characters");
        }
        return value.trim();
    }
}

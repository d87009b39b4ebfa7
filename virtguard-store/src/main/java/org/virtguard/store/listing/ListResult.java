package org.virtguard.store.listing;

import java.util.List;

/**
 * A page of rows and how many rows match the request's filters in all.
 *
 * @param items the page
 * @param total matching rows
 */
public record ListResult<T>(List<T> items, long total) {

    public ListResult {
        items = List.copyOf(items);
    }
}

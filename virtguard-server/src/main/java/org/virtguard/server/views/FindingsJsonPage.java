package org.virtguard.server.views;

import java.util.List;

/**
 * One page of findings as JSON documents, in the order of {@link FindingsPage}.
 *
 * @param items each finding as JSON
 * @param total how many findings match the filter in all
 */
public record FindingsJsonPage(List<RawJson> items, long total) {

    public FindingsJsonPage {
        items = List.copyOf(items);
    }
}

package org.virtguard.server.views;

import java.util.List;

import org.virtguard.model.Finding;

/**
 * One page of findings in a stable order (severity descending, then check id, then resource id).
 *
 * @param items the findings of the page
 * @param total how many findings match the filter in all
 */
public record FindingsPage(List<Finding> items, long total) {

    public FindingsPage {
        items = List.copyOf(items);
    }
}

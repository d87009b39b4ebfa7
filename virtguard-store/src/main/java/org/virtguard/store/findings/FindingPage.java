package org.virtguard.store.findings;

import java.util.List;

/**
 * One page of findings in the stable order severity descending, check id, resource id.
 *
 * @param items the page
 * @param total how many findings match the query in all
 */
public record FindingPage(List<StoredFinding> items, long total) {

    public FindingPage {
        items = List.copyOf(items);
    }
}

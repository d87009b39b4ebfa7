package org.virtguard.store.findings;

import java.util.List;

/**
 * One page of findings as stored JSON documents, in the order of {@link FindingPage}.
 *
 * @param docs  each finding's JSON document
 * @param total how many findings match the query in all
 */
public record FindingJsonPage(List<String> docs, long total) {

    public FindingJsonPage {
        docs = List.copyOf(docs);
    }
}

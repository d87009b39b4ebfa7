package org.virtguard.store.findings;

import java.util.List;

import org.virtguard.model.Finding;

/**
 * What recording one scan changed.
 *
 * @param created  findings seen for the first time
 * @param reopened resolved findings that came back
 * @param ongoing  open findings still present
 * @param resolved open findings no longer present
 * @param opened   the created and reopened findings
 * @param closed   the resolved findings, as last reported
 */
public record ScanRecord(int created, int reopened, int ongoing, int resolved, List<Finding> opened,
                         List<Finding> closed) {

    public ScanRecord {
        opened = List.copyOf(opened);
        closed = List.copyOf(closed);
    }

    /** Counts only, for callers that do not need the findings. */
    public ScanRecord(int created, int reopened, int ongoing, int resolved) {
        this(created, reopened, ongoing, resolved, List.of(), List.of());
    }

    /** The counts alone, to compare outcomes. */
    public List<Integer> counts() {
        return List.of(created, reopened, ongoing, resolved);
    }
}

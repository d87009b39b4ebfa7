package org.virtguard.store.findings;

import java.time.Instant;
import java.util.Objects;

import org.virtguard.model.Finding;

/**
 * One change a recorded evaluation made to a finding, as kept in the store for forwarding.
 *
 * @param seq         position in the order of recording, increasing across evaluations
 * @param evaluatedAt the time of the evaluation that made the change (as given to {@code recordScan})
 * @param kind        whether the finding was opened or resolved
 * @param finding     the finding as that evaluation reported it (for a resolved one, as last reported)
 */
public record FindingChange(long seq, Instant evaluatedAt, Kind kind, Finding finding) {

    /** What happened to the finding. */
    public enum Kind {
        /** Seen for the first time, or back after it was resolved. */
        OPENED,
        /** No longer reported by an evaluation of its check. */
        RESOLVED
    }

    public FindingChange {
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(finding, "finding");
    }
}

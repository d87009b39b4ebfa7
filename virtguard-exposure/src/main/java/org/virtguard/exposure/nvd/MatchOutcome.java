package org.virtguard.exposure.nvd;

import java.util.List;

/**
 * The result of matching a CVE's configurations against a host's platform CPEs.
 *
 * @param verdict  whether the configurations match
 * @param matched  the vulnerable {@code cpeMatch} entries that matched the host (evidence, fixed versions)
 * @param reason   why the verdict is {@link Verdict#UNDETERMINED}, else {@code null}
 */
public record MatchOutcome(Verdict verdict, List<CpeMatch> matched, String reason) {

    /** Three-valued: a missing fact is never a "no". */
    public enum Verdict { MATCH, NO_MATCH, UNDETERMINED }

    public MatchOutcome {
        matched = List.copyOf(matched);
    }

    static final MatchOutcome NO = new MatchOutcome(Verdict.NO_MATCH, List.of(), null);
}

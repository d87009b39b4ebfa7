package org.virtguard.exposure;

import java.time.LocalDate;
import java.util.Optional;

/** EPSS scores by CVE id, to rank findings; {@link #NONE} until EPSS data is loaded. */
@FunctionalInterface
public interface EpssLookup {

    /** No EPSS data. */
    EpssLookup NONE = cve -> Optional.empty();

    /**
     * One score.
     *
     * @param probability the probability of exploitation activity in the next 30 days, 0 – 1
     * @param percentile  its percentile among all scored CVEs, 0 – 1
     * @param date        the score's date
     */
    record Score(double probability, double percentile, LocalDate date) {
    }

    Optional<Score> find(String cveId);
}

package org.virtguard.store.findings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.virtguard.model.Finding;

/** Scan results with history (first seen, last seen, resolved) and accepted-risk exceptions. */
public interface FindingRepository {

    /**
     * Records one scan. Findings present are created, reopened or updated; open findings of the evaluated checks
     * that are absent are resolved at {@code at}; a resolved finding that comes back is reopened with a new first-seen time.
     *
     * @param findings        the scan's non-compliant results (FAIL, ERROR, NOT_COLLECTED, EXCEPTED)
     * @param evaluatedChecks ids of the checks the scan ran: only their findings can be resolved
     */
    ScanRecord recordScan(Collection<Finding> findings, Collection<String> evaluatedChecks, Instant at);

    /** Open findings, most severe first. */
    List<StoredFinding> open();

    /** Every finding of a resource, open and resolved, newest first. */
    List<StoredFinding> history(String resourceId);

    /** Adds or replaces an exception for a check pattern and resource pattern. */
    void putException(StoredException exception);

    /** Exceptions not expired on {@code day}. */
    List<StoredException> activeExceptions(LocalDate day);

    /** Removes exceptions that expired before {@code day}; returns how many. */
    int purgeExpired(LocalDate day);
}

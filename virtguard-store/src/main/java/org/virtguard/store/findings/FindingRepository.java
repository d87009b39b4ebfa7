package org.virtguard.store.findings;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.virtguard.model.Finding;
import org.virtguard.model.Severity;

/** Scan results with history (first seen, last seen, resolved) and accepted-risk exceptions. */
public interface FindingRepository {

    /**
     * Records one scan. Findings present are created, reopened or updated; open findings of the evaluated checks
     * that are absent are resolved at {@code at}; a resolved finding that comes back is reopened with a new first-seen time.
     *
     * @param findings        the scan's non-compliant results (FAIL, ERROR, NOT_COLLECTED, EXCEPTED)
     * @param evaluatedChecks ids of the checks the scan ran: only their findings can be resolved
     */
    default ScanRecord recordScan(Collection<Finding> findings, Collection<String> evaluatedChecks, Instant at) {
        return recordScan(findings, evaluatedChecks, at, f -> FindingPlacement.UNKNOWN);
    }

    /**
     * Records one scan as {@link #recordScan(Collection, Collection, Instant)} does, keeping where each finding
     * sits (check area, host, zones) for filtering, and the failing counts of this evaluation for the trend.
     *
     * @param placement where a finding of this scan sits
     */
    ScanRecord recordScan(Collection<Finding> findings, Collection<String> evaluatedChecks, Instant at,
                          Function<Finding, FindingPlacement> placement);

    /**
     * What recorded evaluations opened and resolved after {@code afterSeq}, in recording order (each evaluation's
     * opened findings, then its resolved ones), at most {@code limit}. Every recorded scan appends its changes in
     * the same transaction, so they survive a crash of whoever meant to forward them; changes are kept 90 days.
     *
     * @param afterSeq the last {@link FindingChange#seq()} already handled, 0 for all
     */
    List<FindingChange> changesAfter(long afterSeq, int limit);

    /** The seq of the latest change ever recorded (also when it was since dropped), 0 when none was. */
    long lastChangeSeq();

    /** One page of the findings matching the query, severity descending, then check id, then resource id. */
    FindingPage page(FindingQuery query, int offset, int limit);

    /**
     * The same page as {@link #page(FindingQuery, int, int)}, each finding as its stored JSON document (the
     * {@link Finding} as {@link org.virtguard.store.InventoryJson} writes it), for callers that pass it on as is.
     */
    FindingJsonPage pageJson(FindingQuery query, int offset, int limit);

    /** Open findings in status FAIL by severity. */
    Map<Severity, Long> failingBySeverity();

    /** Open findings in status FAIL by check area, then severity; areas sorted by name. */
    Map<String, Map<Severity, Long>> failingByArea();

    /** Open findings counted by status (FAIL, EXCEPTED, NOT_COLLECTED, ERROR). */
    default Map<org.virtguard.model.CheckStatus, Long> openByStatus() {
        Map<org.virtguard.model.CheckStatus, Long> counts = new java.util.EnumMap<>(org.virtguard.model.CheckStatus.class);
        for (org.virtguard.model.CheckStatus s : org.virtguard.model.CheckStatus.values()) {
            long n = page(new FindingQuery(null, null, null, null, null, s.name()), 0, 1).total();
            if (n > 0) {
                counts.put(s, n);
            }
        }
        return counts;
    }

    /**
     * Open NOT_COLLECTED findings grouped by what is missing and why, the largest groups first (at most
     * {@code limit} groups; the rest are folded into the last one's count by the caller's paging, not here).
     */
    default List<org.virtguard.model.NotCollectedGroup> notCollectedGroups(int limit) {
        return org.virtguard.model.NotCollectedGroups.of(page(new FindingQuery(null, null, null, null, null, "NOT_COLLECTED"), 0,
                org.virtguard.model.NotCollectedGroups.MAX_FINDINGS).items().stream().map(StoredFinding::finding).toList(), limit);
    }

    /** The failing counts of the latest evaluations, oldest first. */
    List<TrendPoint> trend(int evaluations);

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

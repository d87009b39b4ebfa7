package org.virtguard.server.views;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.virtguard.model.Severity;

/**
 * What the server needs from the policy engine. The CLI passes an implementation when the engine is
 * configured; without one, findings, exceptions and scans answer {@code 503 NOT_CONFIGURED}.
 */
public interface PolicyView {

    /** Findings matching the filter, one page. */
    FindingsPage findings(FindingFilter filter, int offset, int limit);

    /**
     * The page of {@link #findings(FindingFilter, int, int)} as JSON documents; engines that store findings as
     * JSON answer without parsing them.
     */
    default FindingsJsonPage findingsJson(FindingFilter filter, int offset, int limit) {
        FindingsPage page = findings(filter, offset, limit);
        return new FindingsJsonPage(page.items().stream()
                .map(f -> new RawJson(org.virtguard.store.InventoryJson.write(f))).toList(), page.total());
    }

    /** Failing findings (not excepted) counted by severity. */
    Map<Severity, Long> failingBySeverity();

    /**
     * Warnings about the data the findings rest on (e.g. stale vulnerability data), shown as a banner above the
     * findings; empty when there is nothing to warn about.
     */
    default List<String> dataWarnings() {
        return List.of();
    }

    /** Failing findings (not excepted) by check area, then severity; empty when the engine does not group them. */
    default Map<String, Map<Severity, Long>> failingByArea() {
        return Map.of();
    }

    /** Open findings counted by status (FAIL, EXCEPTED, NOT_COLLECTED, ERROR); statuses without any are left out. */
    default Map<org.virtguard.model.CheckStatus, Long> openByStatus() {
        Map<org.virtguard.model.CheckStatus, Long> counts = new java.util.EnumMap<>(org.virtguard.model.CheckStatus.class);
        for (org.virtguard.model.CheckStatus s : org.virtguard.model.CheckStatus.values()) {
            long n = findings(new FindingFilter(null, null, null, null, s.name(), null, null), 0, 1).total();
            if (n > 0) {
                counts.put(s, n);
            }
        }
        return counts;
    }

    /**
     * Open NOT_COLLECTED findings grouped by what is missing and why, most resources first, at most {@code limit}
     * groups.
     */
    default List<org.virtguard.model.NotCollectedGroup> notCollectedGroups(int limit) {
        return org.virtguard.model.NotCollectedGroups.of(findings(new FindingFilter(null, null, null, null,
                "NOT_COLLECTED", null, null), 0, org.virtguard.model.NotCollectedGroups.MAX_FINDINGS).items(),
                limit);
    }

    /** Failing counts after each of the latest evaluations, oldest first; empty when the engine keeps none. */
    default List<org.virtguard.store.findings.TrendPoint> trend(int evaluations) {
        return List.of();
    }

    /** Exceptions in force and expired ones, newest first. */
    List<ExceptionGrant> exceptions();

    /**
     * Grants an exception; the engine re-evaluates the affected finding.
     *
     * @throws IllegalArgumentException when the check or resource is unknown, the resource is a wildcard, the
     *                                  justification is shorter or the expiry further away than the configured
     *                                  policy allows; the message names the field
     */
    ExceptionGrant grantException(String checkId, String resourceId, String justification, Instant expiresAt,
                                  String grantedBy);

    /** Starts a full scan in the background. */
    ScanProgress startScan(String requestedBy);

    /** A scan's progress, if the id is known. */
    Optional<ScanProgress> scan(String id);
}

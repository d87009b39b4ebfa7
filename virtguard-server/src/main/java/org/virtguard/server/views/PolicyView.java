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

    /** Failing findings (not excepted) counted by severity. */
    Map<Severity, Long> failingBySeverity();

    /** Exceptions in force and expired ones, newest first. */
    List<ExceptionGrant> exceptions();

    /**
     * Grants an exception; the engine re-evaluates the affected finding.
     *
     * @throws IllegalArgumentException when the check or resource is unknown or the expiry is in the past
     */
    ExceptionGrant grantException(String checkId, String resourceId, String justification, Instant expiresAt,
                                  String grantedBy);

    /** Starts a full scan in the background. */
    ScanProgress startScan(String requestedBy);

    /** A scan's progress, if the id is known. */
    Optional<ScanProgress> scan(String id);
}

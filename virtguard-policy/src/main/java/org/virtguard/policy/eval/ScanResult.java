package org.virtguard.policy.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Severity;

/**
 * What a scan found.
 *
 * @param findings    the results kept (by default everything but PASS and NOT_APPLICABLE)
 * @param counts      per check id, how many resources ended in each status
 * @param evaluations number of (check, resource) evaluations
 * @param checks      the checks that ran, in catalogue order
 */
public record ScanResult(Instant evaluatedAt, Duration elapsed, List<Finding> findings,
                         Map<String, Map<CheckStatus, Long>> counts, long evaluations, List<CompiledCheck> checks) {

    public ScanResult {
        findings = List.copyOf(findings);
        counts = Map.copyOf(counts);
        checks = List.copyOf(checks);
    }

    /** Failures (and errors) at or above a severity: what {@code --fail-on} counts. */
    public long failuresAtOrAbove(Severity threshold) {
        return findings.stream()
                .filter(f -> f.status() == CheckStatus.FAIL || f.status() == CheckStatus.ERROR)
                .filter(f -> f.severity().atLeast(threshold))
                .count();
    }

    public long total(CheckStatus status) {
        return counts.values().stream().mapToLong(m -> m.getOrDefault(status, 0L)).sum();
    }
}

package org.virtguard.store.findings;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.virtguard.model.Severity;

/**
 * Failing findings after one evaluation.
 *
 * @param evaluatedAt when the evaluation was recorded
 * @param failing     open findings in status FAIL, by severity (every severity present, zero included)
 */
public record TrendPoint(Instant evaluatedAt, Map<Severity, Long> failing) {

    public TrendPoint {
        Map<Severity, Long> all = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            all.put(s, failing.getOrDefault(s, 0L));
        }
        failing = java.util.Collections.unmodifiableMap(all);
    }

    /** Failing findings of every severity. */
    public long total() {
        return failing.values().stream().mapToLong(Long::longValue).sum();
    }
}

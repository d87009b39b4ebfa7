package org.virtguard.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one check on one resource.
 *
 * @param checkId     the check's id (its file name)
 * @param resource    what was checked
 * @param status      the outcome
 * @param severity    the check's severity
 * @param title       the check's title
 * @param message     what was found, for people (names the offending value)
 * @param evidence    the values the verdict rests on, by name
 * @param frameworks  framework control ids, e.g. {@code STIG:ESXI-80-000239}, {@code PCI-DSS-4.0:1.2.1}
 * @param evaluatedAt when it was evaluated
 */
public record Finding(String checkId, ResourceRef resource, CheckStatus status, Severity severity, String title,
                      String message, Map<String, String> evidence, List<String> frameworks, Instant evaluatedAt) {
    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        evidence = Map.copyOf(evidence == null ? Map.of() : evidence);
        frameworks = List.copyOf(frameworks == null ? List.of() : frameworks);
    }
}

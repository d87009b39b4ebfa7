package org.virtguard.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something a detector saw happen: a brute-force run, a port scan, a forbidden flow, a migration to a
 * weaker host. An ongoing incident updates one alert (same {@link #key()}) instead of repeating.
 *
 * @param key        stable identity of the incident, e.g. {@code ssh.bruteforce|203.0.113.7|esx01}
 * @param kind       detector kind, e.g. {@code auth.bruteforce}, {@code flow.portscan}, {@code flow.segmentation}
 * @param severity   urgency
 * @param title      one line for people
 * @param source     the acting endpoint (attacker address, flow source), or {@code null}
 * @param target     the target endpoint or host, or {@code null}
 * @param firstSeen  first evidence
 * @param lastSeen   latest evidence
 * @param count      how many events make up the alert so far
 * @param attributes further facts by name (accounts tried, ports, zones, ...)
 * @param evidence   a bounded sample of the raw evidence (log lines, flow records as text)
 */
public record Alert(String key, String kind, Severity severity, String title, Endpoint source, Endpoint target,
                    Instant firstSeen, Instant lastSeen, long count, Map<String, String> attributes,
                    List<String> evidence) {
    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        attributes = Map.copyOf(attributes == null ? Map.of() : attributes);
        evidence = List.copyOf(evidence == null ? List.of() : evidence);
    }
}

package org.virtguard.logs.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

/** The mutable state behind one alert: updated as the incident goes on, frozen into an {@link Alert} on demand. */
final class Incident {

    static final int MAX_LISTED = 50;
    static final int MAX_EVIDENCE_CHARS = 300;

    final String key;
    final String kind;
    final Endpoint source;
    final Endpoint target;
    final long firstSeen;
    Severity severity;
    String title;
    java.util.function.Function<Incident, String> titler;
    long lastSeen;
    long count;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final Set<String> accounts = new LinkedHashSet<>();
    long accountsSeen;
    final Set<String> sources = new LinkedHashSet<>();
    long sourcesSeen;
    final Set<String> hosts = new LinkedHashSet<>();
    private final List<String> evidence = new ArrayList<>();
    private final int evidenceLimit;
    private String latest;

    Incident(String key, String kind, Severity severity, Endpoint source, Endpoint target, long firstSeen,
             int evidenceLimit) {
        this.key = key;
        this.kind = kind;
        this.severity = severity;
        this.source = source;
        this.target = target;
        this.firstSeen = firstSeen;
        this.lastSeen = firstSeen;
        this.evidenceLimit = evidenceLimit;
    }

    void account(String user) {
        if (user != null && !accounts.contains(user)) {
            if (accounts.size() < MAX_LISTED) {
                accounts.add(user);
            }
            accountsSeen = accounts.size() + (accounts.contains(user) ? 0 : 1);
        }
    }

    void source(String address) {
        if (address != null && !sources.contains(address)) {
            if (sources.size() < MAX_LISTED) {
                sources.add(address);
            }
            sourcesSeen = sources.size() + (sources.contains(address) ? 0 : 1);
        }
    }

    /** How many accounts: exact up to the listed maximum, then "50+". */
    String accountCount() {
        return accountsSeen > accounts.size() ? accounts.size() + "+" : Integer.toString(accounts.size());
    }

    /** How many sources: exact up to the listed maximum, then "50+". */
    String sourceCount() {
        return sourcesSeen > sources.size() ? sources.size() + "+" : Integer.toString(sources.size());
    }

    void host(String host) {
        if (host != null && hosts.size() < MAX_LISTED) {
            hosts.add(host);
        }
    }

    void evidence(String line) {
        String bounded = line.length() > MAX_EVIDENCE_CHARS ? line.substring(0, MAX_EVIDENCE_CHARS) + "…" : line;
        if (evidence.size() < evidenceLimit - 1) {
            if (!evidence.contains(bounded)) {
                evidence.add(bounded);
            }
        } else {
            latest = bounded;
        }
    }

    void seen(long time) {
        lastSeen = Math.max(lastSeen, time);
    }

    Alert toAlert() {
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        if (!accounts.isEmpty()) {
            attrs.put("accounts", String.join(",", accounts) + (accountsSeen > accounts.size() ? ",…" : ""));
            attrs.put("accountCount", accountCount());
        }
        if (!sources.isEmpty()) {
            attrs.put("sources", String.join(",", sources) + (sourcesSeen > sources.size() ? ",…" : ""));
            attrs.put("sourceCount", sourceCount());
        }
        if (!hosts.isEmpty()) {
            attrs.put("hosts", String.join(",", hosts));
        }
        if (source != null) {
            putIfPresent(attrs, "sourceVm", source.vmName());
            putIfPresent(attrs, "sourceHost", source.hostName());
            if (source.zone() != null) {
                attrs.put("sourceZone", source.zone().name());
            }
        }
        List<String> lines = new ArrayList<>(evidence);
        if (latest != null && !lines.contains(latest)) {
            lines.add(latest);
        }
        return new Alert(key, kind, severity, titler != null ? titler.apply(this) : title, source, target, Instant.ofEpochMilli(firstSeen),
                Instant.ofEpochMilli(lastSeen), count, attrs, lines);
    }

    private static void putIfPresent(Map<String, String> attrs, String name, String value) {
        if (value != null) {
            attrs.put(name, value);
        }
    }
}

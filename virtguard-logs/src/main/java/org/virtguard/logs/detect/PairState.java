package org.virtguard.logs.detect;

import java.util.Map;

/** What the detector remembers about one source's failures against one host. */
final class PairState {

    final FailureWindow failures;
    final BoundedLru<String, Long> accounts;
    private final String[] recent;
    private int recentHead;
    long total;
    long firstFailure = Long.MAX_VALUE;
    String bruteKey;
    String sprayKey;
    long invalidUserAttempts;

    PairState(int windowCapacity, int recentLines, int maxAccounts) {
        failures = new FailureWindow(windowCapacity);
        accounts = new BoundedLru<>(maxAccounts);
        recent = new String[Math.max(1, recentLines)];
    }

    void remember(String line) {
        String bounded = line.length() > Incident.MAX_EVIDENCE_CHARS
                ? line.substring(0, Incident.MAX_EVIDENCE_CHARS) + "…" : line;
        recent[recentHead] = bounded;
        recentHead = (recentHead + 1) % recent.length;
    }

    /** Lines remembered before the incident opened, oldest first. */
    void replayInto(Incident incident) {
        for (int k = 0; k < recent.length; k++) {
            String line = recent[(recentHead + k) % recent.length];
            if (line != null) {
                incident.evidence(line);
            }
        }
    }

    int accountsSince(long since) {
        int n = 0;
        for (Map.Entry<String, Long> e : accounts.entrySet()) {
            if (e.getValue() >= since) {
                n++;
            }
        }
        return n;
    }
}

package org.virtguard.exposure;

import java.util.Comparator;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;

/**
 * The order exposure findings are worked in: failures first; among them known exploited (KEV) first, ransomware use
 * before other KEV entries, then by EPSS score, then by CVSS base score (evidence {@code cvss}), then by severity.
 */
public final class ExposureRanking {

    /** Most urgent first. */
    public static final Comparator<Finding> MOST_URGENT_FIRST = Comparator
            .comparing((Finding f) -> f.status() != CheckStatus.FAIL)
            .thenComparing(f -> !knownExploited(f))
            .thenComparing(f -> !"Known".equals(f.evidence().get("kevRansomwareUse")))
            .thenComparing(f -> -number(f, "epss"))
            .thenComparing(f -> -number(f, "cvss"))
            .thenComparing(Finding::severity, Comparator.reverseOrder());

    private ExposureRanking() {
    }

    static boolean knownExploited(Finding f) {
        String k = f.evidence().get("knownExploited");
        return f.evidence().containsKey("kevDateAdded") || (k != null && !k.equals("no"));
    }

    private static double number(Finding f, String key) {
        String v = f.evidence().get(key);
        if (v == null) {
            return -1;
        }
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

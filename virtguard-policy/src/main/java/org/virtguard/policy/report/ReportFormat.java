package org.virtguard.policy.report;

import java.util.Locale;

/** Machine and human report formats of a scan. */
public enum ReportFormat {
    JSON, SARIF, JUNIT, CSV, HTML;

    public static ReportFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report format '" + text + "' (json, sarif, junit, csv, html)");
        }
    }
}

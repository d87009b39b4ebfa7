package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;

import org.virtguard.policy.eval.ScanResult;

/** Writes a scan result in one of the {@link ReportFormat}s. */
public final class Reports {

    private Reports() {
    }

    public static void write(ReportFormat format, ScanResult result, Writer out) throws IOException {
        switch (format) {
            case JSON -> JsonReport.write(result, out);
            case SARIF -> SarifReport.write(result, out);
            case JUNIT -> JunitReport.write(result, out);
            case CSV -> CsvReport.write(result, out);
            case HTML -> HtmlReport.write(result, out);
        }
        out.flush();
    }

    /**
     * Findings in the order people read them: real results first (could not be evaluated, fail, accepted risk, then
     * pass and not applicable), what was not collected last; within a status by severity, most severe first, then
     * check and resource.
     */
    public static java.util.List<org.virtguard.model.Finding> resultsFirst(java.util.List<org.virtguard.model.Finding> findings) {
        java.util.List<org.virtguard.model.Finding> sorted = new java.util.ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparingInt((org.virtguard.model.Finding f) -> rank(f.status()))
                .thenComparing(org.virtguard.model.Finding::severity, java.util.Comparator.reverseOrder())
                .thenComparing(org.virtguard.model.Finding::checkId)
                .thenComparing(f -> f.resource().name() == null ? "" : f.resource().name()));
        return sorted;
    }

    private static int rank(org.virtguard.model.CheckStatus s) {
        return switch (s) {
            case ERROR -> 0;
            case FAIL -> 1;
            case EXCEPTED -> 2;
            case PASS -> 3;
            case NOT_APPLICABLE -> 4;
            case NOT_COLLECTED -> 5;
        };
    }

    /** "guest operating system not collected: 6 VMs — install the guest agent ...", one line per group. */
    public static java.util.List<String> notCollectedLines(java.util.List<org.virtguard.model.Finding> findings) {
        return org.virtguard.model.NotCollectedGroups.of(findings, Integer.MAX_VALUE).stream()
                .map(g -> g.missing() + " not collected: " + g.resourcesText() + " — " + g.collect()).toList();
    }
}

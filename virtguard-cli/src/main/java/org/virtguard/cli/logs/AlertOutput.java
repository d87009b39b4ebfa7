package org.virtguard.cli.logs;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.cli.output.Json;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.logs.intake.IntakeCounter;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;

/** Prints alerts and intake counters as a table, one JSON document, or JSON lines. */
final class AlertOutput {

    private AlertOutput() {
    }

    static Table table(List<Alert> alerts) {
        Table t = new Table("SEVERITY", "KIND", "SOURCE", "TARGET", "COUNT", "FIRST SEEN", "LAST SEEN", "ACCOUNTS", "TITLE");
        for (Alert a : alerts) {
            t.row(a.severity(), a.kind(), source(a.source()), a.target() == null ? "" : name(a.target()), a.count(),
                    a.firstSeen(), a.lastSeen(), abbreviate(a.attributes().getOrDefault("accounts", ""), 40), a.title());
        }
        return t;
    }

    static void json(List<Alert> alerts, Map<IntakeCounter, Long> counters, PrintWriter out) throws Exception {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("alerts", alerts);
        doc.put("counters", counters);
        out.println(Json.mapper().writeValueAsString(doc));
        out.flush();
    }

    static void line(Alert alert, boolean json, PrintWriter out) throws Exception {
        if (json) {
            out.println(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(alert));
        } else {
            out.println(alert.lastSeen() + " " + alert.severity() + " " + alert.kind() + " " + alert.title());
        }
        out.flush();
    }

    static void counters(Map<IntakeCounter, Long> counters, PrintWriter out) {
        StringBuilder sb = new StringBuilder();
        sb.append(counters.get(IntakeCounter.LINES)).append(" lines, ")
                .append(counters.get(IntakeCounter.AUTH_EVENTS)).append(" authentication events");
        for (IntakeCounter c : IntakeCounter.values()) {
            if (c != IntakeCounter.LINES && c != IntakeCounter.AUTH_EVENTS && c != IntakeCounter.IGNORED
                    && counters.getOrDefault(c, 0L) > 0) {
                sb.append(", ").append(counters.get(c)).append(' ').append(c.name().toLowerCase().replace('_', ' '));
            }
        }
        out.println(sb);
        out.flush();
    }

    static void print(List<Alert> alerts, PrintWriter out) {
        TableWriter.text(table(alerts), out);
        out.flush();
    }

    private static String source(Endpoint e) {
        if (e == null) {
            return "(many)";
        }
        StringBuilder sb = new StringBuilder(e.address());
        if (e.vmName() != null) {
            sb.append(" vm=").append(e.vmName());
        }
        if (e.zone() != null) {
            sb.append(" zone=").append(e.zone().name());
        }
        return sb.toString();
    }

    private static String name(Endpoint e) {
        return e.hostName() != null ? e.hostName() : e.address();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

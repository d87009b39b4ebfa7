package org.virtguard.cli.flows;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import org.virtguard.flows.decode.CounterSnapshot;
import org.virtguard.model.Alert;

/** Printing of flow alerts and exporter counters. */
final class FlowsOutput {

    private FlowsOutput() {
    }

    static void alert(Alert a, PrintWriter out) {
        out.println(a.severity() + " " + a.kind() + " " + a.title());
        out.println("    first " + a.firstSeen() + "  last " + a.lastSeen() + "  flows " + a.count());
        for (Map.Entry<String, String> e : a.attributes().entrySet()) {
            out.println("    " + e.getKey() + " = " + e.getValue());
        }
        for (String e : a.evidence()) {
            out.println("    evidence: " + e);
        }
        out.flush();
    }

    static void counters(List<CounterSnapshot> counters, PrintWriter err) {
        for (CounterSnapshot c : counters) {
            err.println("exporter " + c.exporter() + ": datagrams " + c.datagrams() + ", records " + c.records()
                    + ", templates " + c.templates() + ", template misses " + c.templateMisses() + ", sequence gaps "
                    + c.sequenceGaps() + ", decode errors " + c.decodeErrors()
                    + (c.errorsByKind().isEmpty() ? "" : " " + c.errorsByKind()) + ", queue drops " + c.queueDrops()
                    + (c.clockSkewed() ? ", clock ahead " + c.clockAheadRecords() + " records" : ""));
        }
        for (CounterSnapshot c : counters) {
            c.clockWarning().ifPresent(w -> err.println("virtguard: warning: " + w));
        }
        err.flush();
    }
}

package org.virtguard.server.metrics;

import java.util.Map;
import java.util.TreeMap;

import org.virtguard.model.Severity;
import org.virtguard.store.SourceState;
import org.virtguard.store.Store;
import org.virtguard.store.alerts.AlertStatus;

/** Renders the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusWriter {

    private final Store store;
    private final ServiceMetrics metrics;
    private final AlertStats alerts;

    public PrometheusWriter(Store store, ServiceMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.alerts = new AlertStats(store.alerts());
    }

    public String render() {
        StringBuilder out = new StringBuilder(4096);
        new TreeMap<>(metrics.sampled()).forEach((name, m) -> {
            header(out, name, m.type(), m.help());
            out.append(name).append(' ').append(m.value().getAsLong()).append('\n');
        });
        new TreeMap<>(metrics.labeled()).forEach((name, m) -> {
            header(out, name, m.type(), m.help());
            for (ServiceMetrics.Labeled v : m.values().get()) {
                out.append(name).append('{');
                boolean first = true;
                for (Map.Entry<String, String> label : v.labels().entrySet()) {
                    out.append(first ? "" : ",").append(label.getKey()).append("=\"").append(escape(label.getValue()))
                            .append('"');
                    first = false;
                }
                out.append("} ").append(v.value()).append('\n');
            }
        });
        header(out, "virtguard_source_up", "gauge", "1 when the source's last collection succeeded and its feed is up");
        header(out, "virtguard_source_last_success_timestamp_seconds", "gauge", "last successful collection");
        for (SourceState s : store.inventory().sources()) {
            String labels = "{source=\"" + escape(s.id()) + "\"}";
            out.append("virtguard_source_up").append(labels).append(' ').append(s.stale() ? 0 : 1).append('\n');
            if (s.lastSuccessfulSync() != null) {
                out.append("virtguard_source_last_success_timestamp_seconds").append(labels).append(' ')
                        .append(s.lastSuccessfulSync().getEpochSecond()).append('\n');
            }
        }
        header(out, "virtguard_sync_total", "counter", "full collections per source");
        header(out, "virtguard_sync_failures_total", "counter", "failed full collections per source");
        header(out, "virtguard_sync_seconds_sum", "counter", "time spent in full collections per source");
        header(out, "virtguard_sync_last_seconds", "gauge", "duration of the last full collection per source");
        new TreeMap<>(metrics.syncs()).forEach((source, t) -> {
            String labels = "{source=\"" + escape(source) + "\"}";
            out.append("virtguard_sync_total").append(labels).append(' ').append(t.count.sum()).append('\n');
            out.append("virtguard_sync_failures_total").append(labels).append(' ').append(t.failures.sum()).append('\n');
            out.append("virtguard_sync_seconds_sum").append(labels).append(' ').append(t.nanos.sum() / 1e9).append('\n');
            out.append("virtguard_sync_last_seconds").append(labels).append(' ').append(t.last.get() / 1e9).append('\n');
        });
        header(out, "virtguard_events_total", "counter", "processed events by kind");
        new TreeMap<>(metrics.events()).forEach((kind, n) -> out.append("virtguard_events_total{kind=\"")
                .append(escape(kind)).append("\"} ").append(n.sum()).append('\n'));
        header(out, "virtguard_alerts", "gauge", "alerts by status");
        for (Map.Entry<AlertStatus, Long> e : alerts.byStatus().entrySet()) {
            out.append("virtguard_alerts{status=\"").append(e.getKey().name().toLowerCase()).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        header(out, "virtguard_open_alerts", "gauge", "open alerts by severity");
        for (Map.Entry<Severity, Long> e : alerts.bySeverity(AlertStatus.OPEN).entrySet()) {
            out.append("virtguard_open_alerts{severity=\"").append(e.getKey().name().toLowerCase()).append("\"} ")
                    .append(e.getValue()).append('\n');
        }
        header(out, "virtguard_inventory_objects", "gauge", "current inventory objects by type");
        out.append("virtguard_inventory_objects{type=\"host\"} ").append(store.inventory().hosts().size()).append('\n');
        out.append("virtguard_inventory_objects{type=\"vm\"} ").append(store.inventory().vms().size()).append('\n');
        header(out, "virtguard_http_responses_total", "counter", "HTTP responses by status class");
        new TreeMap<>(metrics.responses()).forEach((cls, n) -> out.append("virtguard_http_responses_total{code=\"")
                .append(cls).append("xx\"} ").append(n.sum()).append('\n'));
        header(out, "virtguard_http_request_seconds_sum", "counter", "time spent answering HTTP requests");
        out.append("virtguard_http_request_seconds_sum ").append(metrics.requestNanos() / 1e9).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

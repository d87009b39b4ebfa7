package org.virtguard.service.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.virtguard.flows.transport.ProcNetUdp;
import org.virtguard.logs.intake.ListenerCounts;
import org.virtguard.server.metrics.ServiceMetrics;
import org.virtguard.server.metrics.ServiceMetrics.Labeled;

/**
 * Per-listener counters on {@code /metrics}: for every flow and syslog listener, labelled by listener, protocol and
 * port, what it received, parsed, found malformed, rate-limited, refused (sender not allowed) and dropped (queue or
 * socket buffer full); and per listener the new alerts the caps folded into flood alerts.
 */
public final class IntakeMetrics {

    private static final String FLOWS = "flows";
    private static final String SYSLOG = "syslog";

    private final Supplier<TrafficIntake> intake;
    private final Supplier<AlertHub> alerts;
    private final ProcNetUdp kernel = ProcNetUdp.system();

    private IntakeMetrics(Supplier<TrafficIntake> intake, Supplier<AlertHub> alerts) {
        this.intake = intake;
        this.alerts = alerts;
    }

    /**
     * Registers the listener counters; {@code intake} and {@code alerts} are read at each scrape and may give
     * {@code null} (listeners off, or not started yet).
     */
    public static void register(ServiceMetrics metrics, Supplier<TrafficIntake> intake, Supplier<AlertHub> alerts) {
        IntakeMetrics m = new IntakeMetrics(intake, alerts);
        m.counter(metrics, "virtguard_intake_received_total", "messages or datagrams received per listener",
                ListenerCounts::received, f -> f.received());
        m.counter(metrics, "virtguard_intake_parsed_total", "messages or datagrams parsed per listener",
                ListenerCounts::parsed, f -> f.parsed());
        m.counter(metrics, "virtguard_intake_malformed_total",
                "messages or datagrams skipped as malformed per listener", ListenerCounts::malformed,
                f -> f.malformed());
        m.counter(metrics, "virtguard_intake_rate_limited_total",
                "messages dropped by the per-sender rate limit per listener", ListenerCounts::rateLimited, f -> 0L);
        m.counter(metrics, "virtguard_intake_refused_total",
                "messages or datagrams refused per listener (sender not allowed, too many connections)",
                ListenerCounts::refused, f -> f.refused());
        metrics.sampleLabeled("virtguard_intake_dropped_total", "counter",
                "messages or datagrams lost per listener because a queue or the kernel's socket buffer was full",
                m::dropped);
        metrics.sampleLabeled("virtguard_intake_alerts_suppressed_total", "counter",
                "new alerts folded into flood alerts by the caps, per listener", m::suppressedPerListener);
        metrics.sampleLabeled("virtguard_alerts_suppressed_total", "counter",
                "new alerts folded into flood alerts by the caps, by folded kind", m::suppressedPerKind);
        metrics.sampleLabeled("virtguard_flow_exporter_clock_ahead_records_total", "counter",
                "flow records whose time lay more than the skew bound after their arrival, per exporter",
                () -> m.perExporter(c -> c.clockAheadRecords()));
        metrics.sampleLabeled("virtguard_flow_exporter_clock_ahead_seconds", "gauge",
                "largest lead of a flow record's time over its arrival seen, per exporter (0: clock not seen ahead)",
                () -> m.perExporter(c -> c.maxClockAheadMillis() / 1000));
    }

    private List<Labeled> perExporter(ToLongFunction<org.virtguard.flows.decode.CounterSnapshot> value) {
        TrafficIntake running = intake.get();
        if (running == null) {
            return List.of();
        }
        List<Labeled> out = new ArrayList<>();
        for (org.virtguard.flows.decode.CounterSnapshot c : running.flowExporters()) {
            out.add(Labeled.of(value.applyAsLong(c), "exporter", c.exporter()));
        }
        return out;
    }

    private void counter(ServiceMetrics metrics, String name, String help, ToLongFunction<ListenerCounts> syslog,
                         Function<org.virtguard.flows.transport.ListenerCounts, Long> flows) {
        metrics.sampleLabeled(name, "counter", help, () -> {
            TrafficIntake running = intake.get();
            if (running == null) {
                return List.of();
            }
            List<Labeled> out = new ArrayList<>();
            for (org.virtguard.flows.transport.ListenerCounts f : running.flowListeners()) {
                out.add(Labeled.of(flows.apply(f), "listener", FLOWS, "protocol", "udp", "port",
                        Integer.toString(f.port())));
            }
            for (ListenerCounts s : running.syslogListeners()) {
                out.add(Labeled.of(syslog.applyAsLong(s), "listener", SYSLOG, "protocol", s.protocol(), "port",
                        Integer.toString(s.port())));
            }
            return out;
        });
    }

    private List<Labeled> dropped() {
        TrafficIntake running = intake.get();
        if (running == null) {
            return List.of();
        }
        List<Labeled> out = new ArrayList<>();
        for (org.virtguard.flows.transport.ListenerCounts f : running.flowListeners()) {
            out.add(Labeled.of(f.dropped(), "listener", FLOWS, "protocol", "udp", "port",
                    Integer.toString(f.port())));
        }
        for (ListenerCounts s : running.syslogListeners()) {
            long drops = 0;
            if (s.protocol().equals("udp")) {
                OptionalLong kernelDrops = kernel.drops(s.port());
                drops = kernelDrops.orElse(0);
            }
            out.add(Labeled.of(drops, "listener", SYSLOG, "protocol", s.protocol(), "port",
                    Integer.toString(s.port())));
        }
        return out;
    }

    private List<Labeled> suppressedPerListener() {
        AlertHub hub = alerts.get();
        TrafficIntake running = intake.get();
        if (hub == null || running == null) {
            return List.of();
        }
        long auth = 0;
        long flow = 0;
        for (Map.Entry<String, Long> e : hub.suppressedByKind().entrySet()) {
            if (e.getKey().startsWith("auth.")) {
                auth += e.getValue();
            } else if (e.getKey().startsWith("flow.")) {
                flow += e.getValue();
            }
        }
        List<Labeled> out = new ArrayList<>(2);
        if (running.flowsRunning()) {
            out.add(Labeled.of(flow, "listener", FLOWS));
        }
        if (running.syslogRunning()) {
            out.add(Labeled.of(auth, "listener", SYSLOG));
        }
        return out;
    }

    private List<Labeled> suppressedPerKind() {
        AlertHub hub = alerts.get();
        if (hub == null) {
            return List.of();
        }
        List<Labeled> out = new ArrayList<>();
        hub.suppressedByKind().forEach((kind, n) -> out.add(Labeled.of(n, "kind", kind)));
        return out;
    }
}

package org.virtguard.service.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.server.readiness.ComponentStatus.State;
import org.virtguard.server.readiness.Readiness;
import org.virtguard.server.readiness.ReadinessView;
import org.virtguard.server.readiness.StoreProbe;
import org.virtguard.service.durable.DurableWrites;

/**
 * What {@code GET /readyz} reports for the service, all from memory, one component per part:
 * <ul>
 * <li>{@code store}: reachable or not (critical), with the writes waiting for it;</li>
 * <li>{@code source:<id>} for each source: {@code fresh}, {@code stale}, {@code failed} or {@code pending}, with
 * its last success (a source that is not fresh makes the service degraded, not unready);</li>
 * <li>{@code listener:flows} and {@code listener:syslog} when configured: bound (critical: not bound yet means
 * not ready), ports, the rate over about the last minute and the drops; the flow listener is degraded while an
 * exporter's clock runs ahead of arrival (see {@link org.virtguard.flows.decode.ClockSkew});</li>
 * <li>{@code delivery:<name>} for each webhook and syslog target: the spool's backlog, and degraded while the
 * receiver fails.</li>
 * </ul>
 */
public final class ServiceReadiness {

    private final Map<String, Supplier<ComponentStatus>> extra =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    /** A source whose last success is older than this many re-sync intervals (plus a minute) is stale. */
    private static final int STALE_AFTER_INTERVALS = 2;

    private final StoreProbe store;
    private final DurableWrites writes;
    private final Supplier<TrafficIntake> intake;
    private final Supplier<MonitoringService> monitoring;
    private final Supplier<List<WebhookDelivery>> deliveries;
    private final List<String> sources;
    private final boolean flows;
    private final boolean syslog;
    private final Clock clock;
    private final Map<String, RateMeter> rates = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param intake     the listeners, or {@code null} until created or when none are configured
     * @param monitoring the inventory loop, or {@code null} until started
     * @param deliveries the delivery targets started so far
     * @param sources    the configured source ids
     * @param flows      whether the flow listener is configured
     * @param syslog     whether the syslog listener is configured
     */
    public ServiceReadiness(StoreProbe store, DurableWrites writes, Supplier<TrafficIntake> intake,
                            Supplier<MonitoringService> monitoring, Supplier<List<WebhookDelivery>> deliveries,
                            List<String> sources, boolean flows, boolean syslog, Clock clock) {
        this.store = store;
        this.writes = writes;
        this.intake = intake;
        this.monitoring = monitoring;
        this.deliveries = deliveries;
        this.sources = List.copyOf(sources);
        this.flows = flows;
        this.syslog = syslog;
        this.clock = clock;
    }

    /** The readiness view: store, then each source, listener and delivery target. */
    public ReadinessView view() {
        return () -> {
            Map<String, ComponentStatus> all = new LinkedHashMap<>();
            all.put("store", storeStatus());
            all.putAll(sourceStatuses());
            if (flows) {
                all.put("listener:flows", flowListener());
            }
            if (syslog) {
                all.put("listener:syslog", syslogListener());
            }
            for (WebhookDelivery d : deliveries.get()) {
                all.put("delivery:" + d.name(), delivery(d));
            }
            extra.forEach((name, status) -> all.put(name, status.get()));
            return all;
        };
    }

    /** Adds a component that {@link #view()} reports after the others; {@code status} answers from memory. */
    public ServiceReadiness component(String name, Supplier<ComponentStatus> status) {
        extra.put(name, status);
        return this;
    }

    private ComponentStatus storeStatus() {
        return store.status().with("pendingWrites", writes.pending()).with("spilledToDisk", writes.spilledToDisk())
                .with("outages", writes.outages());
    }

    private Map<String, ComponentStatus> sourceStatuses() {
        Map<String, ComponentStatus> result = new LinkedHashMap<>();
        MonitoringService loop = monitoring.get();
        if (loop == null) {
            sources.forEach(id -> result.put("source:" + id, new ComponentStatus(State.DEGRADED, false, null,
                    Map.of("state", SourceFreshness.State.PENDING.text(), "lastSuccess", "never"))));
            return result;
        }
        Duration staleAfter = loop.resyncEvery().multipliedBy(STALE_AFTER_INTERVALS).plusMinutes(1);
        loop.freshness().statuses(clock.instant(), staleAfter).forEach((id, s) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", s.state().text());
            details.put("lastSuccess", text(s.lastSuccess()));
            details.put("lastAttempt", text(s.lastAttempt()));
            if (s.error() != null) {
                details.put("error", s.error().name());
            }
            result.put("source:" + id, new ComponentStatus(s.state() == SourceFreshness.State.FRESH ? State.UP
                    : State.DEGRADED, false, null, details));
        });
        return result;
    }

    private ComponentStatus flowListener() {
        TrafficIntake listeners = intake.get();
        if (listeners == null || !listeners.flowsRunning()) {
            return new ComponentStatus(State.DOWN, true, null, Map.of("bound", false));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bound", true);
        details.put("ports", listeners.flowPorts().toString());
        details.put("datagramsPerSecond", rate("flows.datagrams", listeners::datagramsProcessed));
        details.put("flowsPerSecond", rate("flows.records", listeners::flowsProcessed));
        details.put("drops", listeners.flowDrops());
        details.put("dropsPerSecond", rate("flows.drops", listeners::flowDrops));
        List<String> skewed = listeners.flowExporters().stream()
                .map(org.virtguard.flows.decode.CounterSnapshot::clockWarning)
                .flatMap(java.util.Optional::stream).toList();
        if (!skewed.isEmpty()) {
            details.put("exporterClockSkew", skewed);
        }
        return new ComponentStatus(skewed.isEmpty() ? State.UP : State.DEGRADED, true, null, details);
    }

    private ComponentStatus syslogListener() {
        TrafficIntake listeners = intake.get();
        if (listeners == null || !listeners.syslogRunning()) {
            return new ComponentStatus(State.DOWN, true, null, Map.of("bound", false));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bound", true);
        details.put("udpPort", listeners.syslogUdpPort());
        details.put("tcpPort", listeners.syslogTcpPort());
        details.put("tlsPort", listeners.syslogTlsPort());
        details.put("linesPerSecond", rate("syslog.lines", listeners::linesReceived));
        details.put("drops", listeners.syslogDrops());
        details.put("dropsPerSecond", rate("syslog.drops", listeners::syslogDrops));
        return new ComponentStatus(State.UP, true, null, details);
    }

    private static ComponentStatus delivery(WebhookDelivery d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backlog", d.backlog());
        details.put("delivered", d.delivered());
        details.put("refused", d.refused());
        details.put("failing", d.failing());
        return new ComponentStatus(d.failing() ? State.DEGRADED : State.UP, false, null, details);
    }

    private double rate(String name, LongSupplier counter) {
        long now = System.nanoTime();
        long count = counter.getAsLong();
        double perSecond = rates.computeIfAbsent(name, n -> new RateMeter(count, now)).perSecond(count, now);
        return Math.round(perSecond * 10) / 10.0;
    }

    private static String text(Instant instant) {
        return instant == null ? "never" : instant.toString();
    }
}

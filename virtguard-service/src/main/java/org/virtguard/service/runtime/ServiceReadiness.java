package org.virtguard.service.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.server.readiness.ComponentStatus.State;
import org.virtguard.server.readiness.Readiness;
import org.virtguard.server.readiness.StoreProbe;
import org.virtguard.service.durable.DurableWrites;
import org.virtguard.service.sync.SourceResult;
import org.virtguard.service.sync.SyncReport;

/**
 * What {@code GET /ready} reports for the service, all from memory: the store (critical; with the writes waiting
 * for it), the flow and syslog listeners, and the sources' last full sync (degraded while any failed).
 */
public final class ServiceReadiness {

    private final StoreProbe store;
    private final DurableWrites writes;
    private final Supplier<TrafficIntake> intake;
    private final Supplier<MonitoringService> monitoring;

    /**
     * @param intake     the listeners, or {@code null} until started or when none are configured
     * @param monitoring the inventory loop, or {@code null} until started
     */
    public ServiceReadiness(StoreProbe store, DurableWrites writes, Supplier<TrafficIntake> intake,
                            Supplier<MonitoringService> monitoring) {
        this.store = store;
        this.writes = writes;
        this.intake = intake;
        this.monitoring = monitoring;
    }

    /** The readiness view with the store, intake and sources components. */
    public Readiness view() {
        return new Readiness()
                .component("store", () -> store.status().with("pendingWrites", writes.pending())
                        .with("spilledToDisk", writes.spilledToDisk()).with("outages", writes.outages()))
                .component("intake", this::intake)
                .component("sources", this::sources);
    }

    private ComponentStatus intake() {
        TrafficIntake listeners = intake.get();
        if (listeners == null) {
            return new ComponentStatus(State.UP, false, null, Map.of("listeners", "none"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (listeners.flowsRunning()) {
            details.put("flowPorts", listeners.flowPorts().toString());
            details.put("flowDatagrams", listeners.datagramsProcessed());
            details.put("flowDrops", listeners.flowDrops());
        }
        if (listeners.syslogRunning()) {
            details.put("syslogUdpPort", listeners.syslogUdpPort());
            details.put("syslogTcpPort", listeners.syslogTcpPort());
            details.put("syslogLines", listeners.linesReceived());
        }
        return new ComponentStatus(State.UP, false, null, details);
    }

    private ComponentStatus sources() {
        MonitoringService loop = monitoring.get();
        SyncReport report = loop == null ? null : loop.lastReport();
        if (report == null) {
            return new ComponentStatus(State.DEGRADED, false, null, Map.of("lastSync", "not yet"));
        }
        long failed = report.results().stream().filter(r -> !r.succeeded()).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sources", report.results().size());
        details.put("failed", failed);
        report.results().stream().filter(r -> !r.succeeded()).map(SourceResult::sourceId).findFirst()
                .ifPresent(id -> details.put("firstFailed", id));
        return new ComponentStatus(failed == 0 ? State.UP : State.DEGRADED, false, null, details);
    }
}

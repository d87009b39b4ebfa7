package org.virtguard.service.runtime;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.flows.decode.ClockSkew;
import org.virtguard.flows.decode.CounterSnapshot;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.decode.FlowSink;
import org.virtguard.flows.enrich.LiveEndpointIndex;
import org.virtguard.flows.evaluate.ClockSkewAlert;
import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.flows.transport.CollectorSettings;
import org.virtguard.flows.transport.UdpFlowCollector;
import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.intake.IntakeCounter;
import org.virtguard.logs.intake.IntakeStats;
import org.virtguard.logs.intake.LogPipeline;
import org.virtguard.logs.intake.SyslogServer;
import org.virtguard.logs.intake.SyslogServerConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.flows.StoredFlowEdge;

/**
 * The service's traffic listeners: a syslog receiver feeding the authentication detectors and a
 * NetFlow/IPFIX/sFlow collector feeding the flow pipeline. Both attribute addresses with the one zone policy and
 * the stored inventory. Every alert goes to the {@link AlertHub} (never written on a receive thread); zone and VM
 * edges are moved from the aggregator to the edge writer every {@code flushEvery}, the current minute included
 * (the store adds a minute's parts together), so the zone matrix fills while the minute is still open.
 */
public final class TrafficIntake implements AutoCloseable {

    private final Store store;
    private final Consumer<List<StoredFlowEdge>> edgeWriter;
    private final Consumer<String> log;
    private final Consumer<Alert> alerts;
    private final LiveEndpointIndex index;
    private final EdgeAggregator aggregator = new EdgeAggregator(100_000);
    private final FlowPipeline flowPipeline;
    private final LogPipeline logPipeline;
    private final Object flowLock = new Object();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtguard-intake");
        t.setDaemon(true);
        return t;
    });
    private SyslogServer syslog;
    private UdpFlowCollector collector;

    /**
     * Listeners that attribute addresses with {@code zones} and the stored inventory (see
     * {@link #refreshInventory()}), judge flows with {@code segmentation}, and raise alerts into {@code alerts}.
     *
     * @param edgeWriter stores flow edges (directly, or through the outage buffer)
     */
    public TrafficIntake(Store store, Clock clock, ZoneResolver zones, SegmentationPolicy segmentation,
                         DetectorSettings flowDetectors, DetectorConfig authDetectors, Consumer<Alert> alerts,
                         Consumer<List<StoredFlowEdge>> edgeWriter, Consumer<String> log) {
        this.store = store;
        this.edgeWriter = edgeWriter;
        this.log = log;
        this.alerts = alerts;
        this.index = new LiveEndpointIndex(zones);
        index.update(List.of(), List.of(), List.of());
        this.flowPipeline = new FlowPipeline(index::current,
                FlowPipeline.standardDetectors(segmentation, index::current, flowDetectors), aggregator, alerts::accept);
        AlertListener authAlerts = (alert, change) -> alerts.accept(alert);
        this.logPipeline = new LogPipeline(YearInference.live(clock, ZoneOffset.UTC),
                new AuthDetector(authDetectors, index, authAlerts), new IntakeStats());
    }

    /**
     * Starts the flow collector; edges move to the writer every {@code flushEvery}.
     *
     * @throws IOException when a port cannot be bound
     */
    public synchronized void startFlows(CollectorSettings settings, Duration flushEvery) throws IOException {
        FlowSink sink = (FlowRecord r) -> {
            synchronized (flowLock) {
                flowPipeline.accept(r);
            }
        };
        FlowDecoder decoder = new FlowDecoder();
        decoder.clockSkewListener((exporter, skew) -> {
            if (skew.first()) {
                log.accept("flow exporter " + exporter + " sends flow times " + ClockSkew.describe(skew.aheadMillis())
                        + " ahead of their arrival; times are kept as sent, detection uses arrival time");
            }
            alerts.accept(ClockSkewAlert.of(exporter, skew));
        });
        collector = new UdpFlowCollector(settings, decoder, sink, System::currentTimeMillis);
        collector.start();
        long every = flushEvery.toMillis();
        background.scheduleWithFixedDelay(this::flushEdges, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the syslog receiver.
     *
     * @throws IOException when a port cannot be bound or the TLS key store cannot be read
     */
    public synchronized void startSyslog(SyslogServerConfig config) throws IOException {
        syslog = SyslogServer.start(config, logPipeline);
    }

    /** Re-reads hosts, VMs and networks from the store for attributing addresses. */
    public void refreshInventory() {
        index.update(store.inventory().hosts().stream().map(StoredHost::host).toList(),
                store.inventory().vms().stream().map(StoredVm::vm).toList(),
                store.inventory().networks().stream().map(StoredNetwork::network).toList());
    }

    /** Schedules {@link #refreshInventory()}; calls while one is pending collapse into it. */
    public void refreshInventorySoon() {
        if (refreshPending.compareAndSet(false, true)) {
            background.execute(() -> {
                refreshPending.set(false);
                try {
                    refreshInventory();
                } catch (RuntimeException e) {
                    log.accept("cannot re-read the inventory for address attribution: " + e.getMessage());
                }
            });
        }
    }

    /** Whether the syslog receiver runs. */
    public boolean syslogRunning() {
        return syslog != null;
    }

    /** Whether the flow collector runs. */
    public boolean flowsRunning() {
        return collector != null;
    }

    /** The local UDP port receiving syslog, or -1. */
    public int syslogUdpPort() {
        return syslog == null ? -1 : syslog.udpPort();
    }

    /** The local TCP port receiving syslog, or -1. */
    public int syslogTcpPort() {
        return syslog == null ? -1 : syslog.tcpPort();
    }

    /** The local TLS port receiving syslog, or -1. */
    public int syslogTlsPort() {
        return syslog == null ? -1 : syslog.tlsPort();
    }

    /**
     * Syslog messages lost so far: over the per-sender rate, too long, from senders outside the allowed networks,
     * or on connections refused because too many were open.
     */
    public long syslogDrops() {
        var stats = logPipeline.stats();
        return stats.get(IntakeCounter.RATE_LIMITED) + stats.get(IntakeCounter.TOO_LONG)
                + stats.get(IntakeCounter.SENDER_NOT_ALLOWED) + stats.get(IntakeCounter.CONNECTIONS_REFUSED);
    }

    /** The local UDP ports receiving flow exports. */
    public List<Integer> flowPorts() {
        return collector == null ? List.of() : collector.ports();
    }

    /** Syslog lines received so far. */
    public long linesReceived() {
        return logPipeline.stats().get(IntakeCounter.LINES);
    }

    /** Flow datagrams decoded so far. */
    public long datagramsProcessed() {
        return collector == null ? 0 : collector.processedDatagrams();
    }

    /** Counters of each flow exporter seen so far, clock skew included; empty when flows are off. */
    public List<CounterSnapshot> flowExporters() {
        return collector == null ? List.of() : collector.metrics();
    }

    /** Flow records through the pipeline so far. */
    public long flowsProcessed() {
        return flowPipeline.flows();
    }

    /** Datagrams the collector dropped (queue or socket overflow). */
    public long flowDrops() {
        return collector == null ? 0 : collector.drops();
    }

    /** Counters of each syslog listener (UDP, TCP, TLS); empty when syslog is off. */
    public List<org.virtguard.logs.intake.ListenerCounts> syslogListeners() {
        return syslog == null ? List.of() : syslog.listenerCounts();
    }

    /** Counters of each flow listener socket; empty when flows are off. Reads {@code /proc}. */
    public List<org.virtguard.flows.transport.ListenerCounts> flowListeners() {
        return collector == null ? List.of() : collector.listenerCounts();
    }

    /** Moves every edge, the open minute included, to the edge writer. */
    public void flushEdges() {
        List<FlowEdge> edges;
        synchronized (flowLock) {
            edges = aggregator.drainAll();
        }
        if (edges.isEmpty()) {
            return;
        }
        try {
            edgeWriter.accept(edges.stream().map(e -> new StoredFlowEdge(e.minute(), e.kind().name(), e.from(),
                    e.to(), e.eastWestOnHost(), e.flows(), e.packets(), e.bytes())).toList());
        } catch (RuntimeException e) {
            log.accept("cannot store flow edges: " + e.getMessage());
        }
    }

    /** Waits until {@code condition} holds or {@code timeout} passes; returns whether it holds. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public synchronized void close() {
        background.shutdownNow();
        if (collector != null) {
            collector.close();
        }
        if (syslog != null) {
            syslog.close();
        }
        flushEdges();
    }
}

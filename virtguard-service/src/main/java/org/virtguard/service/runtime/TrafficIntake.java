package org.virtguard.service.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.virtguard.flows.FlowPipeline;
import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.decode.FlowSink;
import org.virtguard.flows.enrich.LiveEndpointIndex;
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
 * The service's traffic listeners: a syslog receiver feeding the authentication detectors and a NetFlow/IPFIX/sFlow
 * collector feeding the flow pipeline. Every alert either raises is recorded in the store's alerts; zone and VM
 * edges are moved from the aggregator into the store every {@code flushEvery}, the current minute included (the
 * store adds a minute's parts together), so the zone matrix fills while the minute is still open.
 */
public final class TrafficIntake implements AutoCloseable {

    private final Store store;
    private final Clock clock;
    private final Consumer<String> log;
    private final LiveEndpointIndex index;
    private final EdgeAggregator aggregator = new EdgeAggregator(100_000);
    private final FlowPipeline flowPipeline;
    private final LogPipeline logPipeline;
    private final Object flowLock = new Object();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "virtguard-flow-edges");
        t.setDaemon(true);
        return t;
    });
    private SyslogServer syslog;
    private UdpFlowCollector collector;

    /**
     * Listeners that attribute addresses with {@code zones} (and the stored inventory, see
     * {@link #refreshInventory()}) and judge flows with {@code segmentation}.
     */
    public TrafficIntake(Store store, Clock clock, ZoneResolver zones, SegmentationPolicy segmentation,
                         Consumer<String> log) {
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.index = new LiveEndpointIndex(zones);
        index.update(List.of(), List.of(), List.of());
        this.flowPipeline = new FlowPipeline(index::current,
                FlowPipeline.standardDetectors(segmentation, index::current, DetectorSettings.defaults()), aggregator,
                this::record);
        AlertListener authAlerts = (alert, change) -> record(alert);
        this.logPipeline = new LogPipeline(YearInference.live(clock, ZoneOffset.UTC),
                new AuthDetector(DetectorConfig.defaults(), index, authAlerts), new IntakeStats());
    }

    /**
     * Starts both listeners on {@code bind}; port 0 picks a free port.
     *
     * @param flushEvery how often flow edges move into the store
     */
    public void start(InetAddress bind, int syslogUdpPort, int flowUdpPort, Duration flushEvery) throws IOException {
        refreshInventory();
        syslog = SyslogServer.start(SyslogServerConfig.plain(bind, syslogUdpPort, -1), logPipeline);
        FlowSink sink = (FlowRecord r) -> {
            synchronized (flowLock) {
                flowPipeline.accept(r);
            }
        };
        collector = new UdpFlowCollector(new CollectorSettings(List.of(new InetSocketAddress(bind, flowUdpPort)),
                1 << 20, 4096, 9216), new FlowDecoder(), sink, clock::millis);
        collector.start();
        long every = flushEvery.toMillis();
        flusher.scheduleWithFixedDelay(this::flushEdges, every, every, TimeUnit.MILLISECONDS);
    }

    /** Re-reads hosts, VMs and networks from the store for attributing addresses. */
    public void refreshInventory() {
        index.update(store.inventory().hosts().stream().map(StoredHost::host).toList(),
                store.inventory().vms().stream().map(StoredVm::vm).toList(),
                store.inventory().networks().stream().map(StoredNetwork::network).toList());
    }

    /** The local UDP port receiving syslog. */
    public int syslogPort() {
        return syslog.udpPort();
    }

    /** The local UDP port receiving flow exports. */
    public int flowPort() {
        return collector.ports().getFirst();
    }

    /** Syslog lines received so far. */
    public long linesReceived() {
        return logPipeline.stats().get(IntakeCounter.LINES);
    }

    /** Flow datagrams decoded so far. */
    public long datagramsProcessed() {
        return collector.processedDatagrams();
    }

    /** Moves every edge, the open minute included, into the store. */
    public void flushEdges() {
        List<FlowEdge> edges;
        synchronized (flowLock) {
            edges = aggregator.drainAll();
        }
        try {
            store.flows().add(edges.stream().map(e -> new StoredFlowEdge(e.minute(), e.kind().name(), e.from(),
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

    private void record(Alert alert) {
        try {
            store.alerts().record(alert, clock.instant());
        } catch (RuntimeException e) {
            log.accept("cannot record alert " + alert.key() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        if (collector != null) {
            collector.close();
        }
        if (syslog != null) {
            syslog.close();
        }
        flushEdges();
    }
}

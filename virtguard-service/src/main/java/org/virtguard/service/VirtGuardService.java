package org.virtguard.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.flows.transport.CollectorSettings;
import org.virtguard.logs.intake.SyslogServerConfig;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.net.Cidr;
import org.virtguard.response.ResponsePolicy;
import org.virtguard.response.ResponseService;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.service.config.ByteSizes;
import org.virtguard.service.config.DeliveryConfig;
import org.virtguard.service.config.DiskConfig;
import org.virtguard.service.config.Durations;
import org.virtguard.service.config.SecretReader;
import org.virtguard.service.config.FlowIntakeConfig;
import org.virtguard.service.config.HttpConfig;
import org.virtguard.service.config.SyslogIntakeConfig;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.runtime.AlertHub;
import org.virtguard.service.runtime.AuditCheckpointing;
import org.virtguard.service.runtime.DiskAlarms;
import org.virtguard.service.runtime.GuardWiring;
import org.virtguard.service.runtime.MonitoringService;
import org.virtguard.service.runtime.PolicyEngineView;
import org.virtguard.service.runtime.ResponseExpiry;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.service.runtime.StoredFlowsView;
import org.virtguard.service.runtime.TrafficIntake;
import org.virtguard.service.runtime.WebhookDelivery;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.LifecycleGuards;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.server.readiness.StoreProbe;
import org.virtguard.service.durable.DurableSettings;
import org.virtguard.service.durable.DurableWrites;
import org.virtguard.service.runtime.ServiceReadiness;
import org.virtguard.service.runtime.RetentionJob;
import org.virtguard.service.runtime.StoreWait;
import org.virtguard.server.StandbyServer;
import org.virtguard.store.DiskSpace;
import org.virtguard.store.Store;

/**
 * The VirtGuard service, assembled once from one validated configuration: the store, the inventory sources with
 * live updates and scheduled re-syncs, the policy engine with exposure data, flow and syslog intake with their
 * detectors, one alert path (store, metrics, response triggers, delivery), guarded response, the lifecycle guards,
 * delivery to webhooks and syslog, retention, and the REST API with the web console. {@code serve}, {@code demo}
 * and the tests all run this class; nothing else assembles these parts.
 */
public final class VirtGuardService implements AutoCloseable {

    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(30);
    private static final Duration EDGE_FLUSH = Duration.ofSeconds(5);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);
    private static final Duration READINESS_PROBE = Duration.ofSeconds(1);
    private static final Duration EXPOSURE_DATA_CHECK = Duration.ofMinutes(1);

    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final ServiceSetup setup;
    private final java.util.concurrent.CompletableFuture<VirtGuardService> started =
            new java.util.concurrent.CompletableFuture<>();
    private final Object lifecycle = new Object();
    private boolean closed;
    private volatile StandbyServer standby;
    private Thread storeWaiter;
    private volatile boolean assembling;
    private volatile Store store;
    private volatile DurableWrites durable;
    private volatile ConnectorPool pool;
    private volatile ResponseService response;
    private volatile PolicyEngineView policy;
    private volatile MonitoringService monitoring;
    private volatile TrafficIntake intake;
    private volatile AlertHub alerts;
    private volatile DiskAlarms diskAlarms;
    private LifecycleGuards guards;
    private volatile SyncReport firstSync;
    private volatile Optional<char[]> generatedAdminPassword = Optional.empty();
    private final List<WebhookDelivery> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();

    private VirtGuardService(ServiceSetup setup) {
        this.setup = setup;
    }

    /**
     * Validates what the configuration refers to, opens the store, syncs every source once, and starts the live
     * feeds, the listeners, delivery and the web server.
     *
     * <p>When a PostgreSQL store cannot be reached at start, this returns at once with the service waiting for it:
     * a standby server answers on the HTTP port ({@code /health} 200, {@code /ready} 503 naming the store, everything
     * else 503 {@code STORE_UNAVAILABLE}) while the store is retried with backoff; when it answers, the rest starts
     * and takes the port over, without a restart. {@link #started()} completes then.
     *
     * @throws ServiceException when the configuration is invalid or a listener cannot start; everything already
     *                          started is stopped again
     */
    public static VirtGuardService start(ServiceSetup setup) {
        VirtGuardService service = new VirtGuardService(setup);
        try {
            Settled settled = service.settle();
            StoreWait wait = new StoreWait(setup.store(), setup.clock(), setup.log());
            Store opened = setup.store().isPostgres() ? wait.tryOpen()
                    : Store.open(setup.store(), service.diskSpace(setup.config().disk()));
            if (opened != null) {
                service.assemble(settled, opened, () -> { });
                service.started.complete(service);
            } else {
                service.waitForStore(settled, wait);
            }
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** What is read from the configuration before the store is needed, so that mistakes fail the start at once. */
    private record Settled(Duration resync, RetentionJob.Periods retention, ResponsePolicy responsePolicy,
                           ServerSettings http, Duration dormantAfter) {
    }

    private Settled settle() {
        VirtGuardConfig config = setup.config();
        if (setup.sources().isEmpty()) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG,
                    "no sources configured: add them under 'sources:' in the configuration file");
        }
        Settled settled = new Settled(Durations.parse(config.lifecycle().resync()),
                RetentionJob.Periods.of(config.retention()),
                GuardWiring.responsePolicy(path(config.response().policy())), http(config.http()),
                Durations.parse(config.lifecycle().dormantAfter()));
        try {
            org.virtguard.store.PrivateFiles.directory(setup.dataDir());
        } catch (java.io.IOException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "dataDir " + setup.dataDir()
                    + " cannot be created: " + e.getMessage());
        }
        return settled;
    }

    private void waitForStore(Settled settled, StoreWait wait) {
        standby = closeLater(new StandbyServer(settled.http(), () -> java.util.Map.of("store", wait.status()))
                .start());
        ServerSettings http = settled.http();
        Settled onStandbyPort = new Settled(settled.resync(), settled.retention(), settled.responsePolicy(),
                new ServerSettings(http.bindAddress(), standby.port(), http.tls(), http.security()),
                settled.dormantAfter());
        setup.log().accept("store unavailable at start; answering on " + standby.port()
                + " (readiness: store down) and retrying with backoff");
        storeWaiter = new Thread(() -> finishWhenStoreArrives(onStandbyPort, wait), "virtguard-store-wait");
        storeWaiter.setDaemon(true);
        storeWaiter.start();
    }

    private void finishWhenStoreArrives(Settled settled, StoreWait wait) {
        try {
            Store opened = wait.await();
            synchronized (lifecycle) {
                if (closed) {
                    opened.close();
                    return;
                }
                assembling = true;
                assemble(settled, opened, () -> standby.close());
            }
            started.complete(this);
        } catch (InterruptedException e) {
            started.completeExceptionally(new ServiceException(ErrorCode.STORE_UNAVAILABLE,
                    "stopped while waiting for the store"));
        } catch (RuntimeException e) {
            setup.log().accept("cannot start: " + e.getMessage());
            started.completeExceptionally(e);
            close();
        }
    }

    private void assemble(Settled settled, Store opened, Runnable beforeServer) {
        VirtGuardConfig config = setup.config();
        Duration resync = settled.resync();
        ResponsePolicy responsePolicy = settled.responsePolicy();
        ServerSettings httpSettings = settled.http();
        Duration dormantAfter = settled.dormantAfter();
        store = closeLater(opened);
        DiskSpace disk = setup.store().isPostgres() ? diskSpace(config.disk()) : opened.disk();
        pool = closeLater(new ConnectorPool(ConnectorRegistry.fromClassPath()));
        policy = closeLater(ServiceWiring.policyEngine(store, setup.clock(),
                config.policy().checksDirs().stream().map(Path::of).toList(), path(config.policy().zones()),
                setup.log()).withExposure(exposureScanner(config, opened))
                .withExceptionLimits(config.policy().exceptions().maxDays(),
                        config.policy().exceptions().minJustification()));
        org.virtguard.service.exposure.ExposureDataStatus exposureData = exposureData(config);
        policy.withDataWarnings(exposureData::warnings);
        closeLater(new org.virtguard.service.exposure.ExposureDataRefresh(store, policy,
                () -> exposureScanner(config, opened), EXPOSURE_DATA_CHECK, setup.log()));
        response = GuardWiring.response(store, responsePolicy, setup.sources(), pool, setup.clock(),
                setup.log());
        closeLater(new ResponseExpiry(response, EXPIRY_CHECK, setup.log()));
        boolean flowsOn = config.intake().flows() != null;
        durable = closeLater(new DurableWrites(store, setup.dataDir().resolve("outage"), DurableSettings.defaults(),
                this::liveChanges, () -> deliveries.forEach(WebhookDelivery::forwardSoon), setup.log()));
        StoreProbe probe = closeLater(new StoreProbe(store, setup.clock(), READINESS_PROBE, setup.log()));
        AuditCheckpointing checkpointing = closeLater(AuditCheckpointing.start(config.audit().checkpoints(),
                setup.dataDir(), store.security().audit(), setup.environment(), setup.clock(), setup.log()));
        diskAlarms = closeLater(diskAlarms(disk, config.disk()).start());
        ServerContext server = ServiceWiring.context(store, setup.clock(), policy, policy.zoneResolver(),
                flowsOn ? new StoredFlowsView(store, setup.clock()) : null).withResponse(response)
                .withReadiness(new ServiceReadiness(probe, durable, () -> intake, () -> monitoring,
                        () -> deliveries, setup.sources().stream().map(s -> s.spec().id()).toList(), flowsOn,
                        config.intake().syslog() != null, setup.clock()).component("disk", diskAlarms::status)
                        .component("exposureData", exposureData::status)
                        .view())
                .withAuditCheckpoints(checkpointing.checkpoints())
                .withAlerts(alert -> alerts.raise(alert));
        registerMetrics(server);
        diskAlarms.register(server.metrics());
        generatedAdminPassword = ServiceWiring.ensureAdmin(server, setup.environment());
        generatedAdminPassword.ifPresent(org.virtguard.service.logging.SecretMask::register);

        org.virtguard.service.config.DetectorsConfig.AlertCaps caps = config.detectors().caps();
        alerts = closeLater(new AlertHub(durable::alert, server.metrics(), Optional.of(response), setup.clock(),
                setup.log(), Durations.parse(caps.window()), caps.perSource(), caps.global()));
        policy.addScanListener(new org.virtguard.service.runtime.ExposureAlerts(alerts::raise));
        guards = GuardWiring.guards(store, dormantAfter, policy, response, setup.clock(), alert -> {
            server.metrics().event("alert." + alert.kind());
            setup.log().accept("ALERT " + alert.severity() + ": " + alert.title());
            deliveries.forEach(WebhookDelivery::forwardSoon);
        });
        startDelivery(config.delivery());
        deliveries.forEach(d -> checkpointing.deliverTo(d::offerCheckpoint));
        checkpointing.checkpointNow();
        if (flowsOn || config.intake().syslog() != null) {
            intake = closeLater(new TrafficIntake(store, setup.clock(), policy.zoneResolver(), segmentation(),
                    Thresholds.flows(config.detectors().flows()), Thresholds.auth(config.detectors().auth()),
                    alerts::raise, durable::edges, setup.log()));
        }

        monitoring = closeLater(new MonitoringService(setup.sources(), store, server, pool, this::changed,
                setup.log()).withDurableWrites(durable));
        firstSync = monitoring.start(httpSettings, resync, beforeServer);
        if (intake != null) {
            intake.refreshInventory();
            startIntake(config);
        }
        ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
                org.virtguard.service.runtime.BackgroundThreads.named("virtguard-retention"));
        closeLater(retention::shutdownNow);
        RetentionJob job = new RetentionJob(store, settled.retention(), () -> deliveries.stream()
                .map(d -> (RetentionJob.Spool) d::dropSpooledBefore).toList(), setup.clock(), setup.log());
        retention.scheduleWithFixedDelay(job::runLogged, 1, RETENTION_EVERY.toSeconds(), TimeUnit.SECONDS);
        policy.evaluateSoon();
    }

    private org.virtguard.exposure.ExposureScanner exposureScanner(VirtGuardConfig config, Store opened) {
        return ServiceWiring.exposure(path(config.exposure().kev()),
                config.exposure().advisories().stream().map(Path::of).toList(),
                config.exposure().nvd().stream().map(Path::of).toList(),
                config.exposure().builds().stream().map(Path::of).toList(), opened, setup.clock(), setup.log());
    }

    private org.virtguard.service.exposure.ExposureDataStatus exposureData(VirtGuardConfig config) {
        return new org.virtguard.service.exposure.ExposureDataStatus(() -> {
            org.virtguard.exposure.ExposureScanner scanner = policy.exposure();
            return scanner == null ? List.of() : scanner.data().dataSets();
        }, Durations.parse(config.exposure().maxDataAge()), setup.clock());
    }

    private DiskSpace diskSpace(DiskConfig disk) {
        try {
            return DiskSpace.of(setup.dataDir(),
                    ByteSizes.parse(disk.minFree()));
        } catch (IOException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "cannot read the free space of dataDir "
                    + setup.dataDir() + ": " + e.getMessage());
        }
    }

    /** The disk and size alarms of the data directory, not started. */
    private DiskAlarms diskAlarms(DiskSpace disk, DiskConfig c) {
        Path data = setup.dataDir();
        DiskAlarms alarms = new DiskAlarms(disk, ByteSizes.parse(c.warnFree()), setup.clock(), setup.log());
        if (!setup.store().isPostgres()) {
            alarms.watch("storeBytes", () -> DiskAlarms.storeBytes(data), ByteSizes.parse(c.storeAlarm()), "bytes");
        }
        return alarms.watch("auditEntries", () -> store.security().audit().count(), c.auditAlarm(), "entries")
                .watch("spoolBytes", () -> DiskAlarms.bytesUnder(data.resolve("spool")),
                        ByteSizes.parse(c.spoolAlarm()), "bytes")
                .watch("outageBytes", () -> DiskAlarms.bytesUnder(data.resolve("outage")),
                        ByteSizes.parse(c.outageAlarm()), "bytes");
    }

    private void liveChanges(List<InventoryChange> changes) {
        MonitoringService running = monitoring;
        if (running != null) {
            running.liveChanges(changes);
        } else {
            changed(changes);
        }
    }

    private void registerMetrics(ServerContext server) {
        var metrics = server.metrics();
        metrics.sample("virtguard_store_pending_writes", "gauge",
                "alerts, flow edges and live inventory updates waiting for the store", durable::pending);
        metrics.sample("virtguard_store_spilled_writes", "gauge",
                "pending writes kept on disk during a store outage", durable::spilledToDisk);
        metrics.sample("virtguard_store_outages_total", "counter", "times the store became unreachable",
                durable::outages);
        metrics.sample("virtguard_alerts_queued", "gauge", "alerts raised and not yet handed to the store",
                () -> alerts == null ? 0 : alerts.queued());
        metrics.sample("virtguard_flow_datagrams_total", "counter", "flow export datagrams decoded",
                () -> intake == null ? 0 : intake.datagramsProcessed());
        metrics.sample("virtguard_flow_records_total", "counter", "flow records through the detectors",
                () -> intake == null ? 0 : intake.flowsProcessed());
        metrics.sample("virtguard_flow_drops_total", "counter", "flow datagrams dropped (queue, socket, sender)",
                () -> intake == null ? 0 : intake.flowDrops());
        metrics.sample("virtguard_syslog_lines_total", "counter", "syslog lines received",
                () -> intake == null ? 0 : intake.linesReceived());
        org.virtguard.service.runtime.IntakeMetrics.register(metrics, () -> intake, () -> alerts);
    }

    private void changed(List<InventoryChange> changes) {
        policy.evaluateSoon();
        guards.process(changes);
        if (intake != null) {
            intake.refreshInventorySoon();
        }
        setup.changeWatcher().accept(changes);
    }

    private SegmentationPolicy segmentation() {
        return ServiceWiring.segmentation(policy.zonePolicy());
    }

    private static List<Cidr> cidrs(List<String> texts) {
        return texts.stream().map(Cidr::parse).toList();
    }

    private void startIntake(VirtGuardConfig config) {
        FlowIntakeConfig flows = config.intake().flows();
        SyslogIntakeConfig syslog = config.intake().syslog();
        try {
            if (flows != null) {
                InetAddress bind = address(flows.bind(), "intake.flows.bind");
                List<InetSocketAddress> listen = flows.ports().stream().map(p -> new InetSocketAddress(bind, p))
                        .toList();
                // inline: the receiving thread decodes and runs the detectors, the cheapest per flow; alerts and
                // edges leave it through queues
                intake.startFlows(new CollectorSettings(listen, flows.receiveBuffer(), flows.queue(), 9216)
                        .withAllowedExporters(cidrs(flows.allowedExporters())).inline(), EDGE_FLUSH);
                setup.log().accept("flow intake on " + flows.bind() + " udp " + intake.flowPorts());
            }
            if (syslog != null) {
                intake.startSyslog(syslogSettings(syslog));
                setup.log().accept("syslog intake on " + syslog.bind() + " udp " + intake.syslogUdpPort() + " tcp "
                        + intake.syslogTcpPort());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "cannot start intake: " + e.getMessage());
        }
    }

    private SyslogServerConfig syslogSettings(SyslogIntakeConfig c) {
        InetAddress bind = address(c.bind(), "intake.syslog.bind");
        SyslogServerConfig settings = SyslogServerConfig.plain(bind, c.udp() == null ? -1 : c.udp(),
                c.tcp() == null ? -1 : c.tcp()).withRate(c.ratePerSender(), Math.max(1, c.ratePerSender() * 2))
                .withAllowedSenders(cidrs(c.allowedSenders()));
        if (c.tls() != null) {
            char[] password = secret(c.tls().passwordFile(), c.tls().passwordEnv(), "intake.syslog.tls").toCharArray();
            settings = settings.withTls(c.tls().port(), Path.of(c.tls().keystore()), password);
        }
        return settings;
    }

    private void startDelivery(DeliveryConfig delivery) {
        List<String> webhookNames = delivery.webhookNames();
        for (int i = 0; i < delivery.webhooks().size(); i++) {
            DeliveryConfig.WebhookTarget w = delivery.webhooks().get(i);
            String name = webhookNames.get(i);
            String secret = secret(w.secretFile(), w.secretEnv() != null ? w.secretEnv()
                    : WebhookDelivery.SECRET_VARIABLE, "delivery.webhooks " + name);
            deliveries.add(closeLater(WebhookDelivery.webhook(name, URI.create(w.url()), secret, setup.dataDir(),
                    store, policy, setup.clock(), setup.log())));
        }
        List<String> syslogNames = delivery.syslogNames();
        for (int i = 0; i < delivery.syslog().size(); i++) {
            DeliveryConfig.SyslogTarget s = delivery.syslog().get(i);
            deliveries.add(closeLater(WebhookDelivery.syslog(syslogNames.get(i), s.target(), s.format(),
                    setup.dataDir(), store, policy, setup.log())));
        }
    }

    private ServerSettings http(HttpConfig http) {
        if (http.tls() == null) {
            return ServiceWiring.settings(http.bind(), http.port(), null, null);
        }
        String password = secret(http.tls().passwordFile(), http.tls().passwordEnv() != null
                ? http.tls().passwordEnv() : ServiceWiring.TLS_PASSWORD_VARIABLE, "http.tls");
        return ServiceWiring.settings(http.bind(), http.port(), Path.of(http.tls().keystore()),
                password.toCharArray());
    }

    private String secret(String file, String variable, String where) {
        return SecretReader.fileOrEnvironment(file, variable, setup.environment(), where);
    }

    private static InetAddress address(String text, String where) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, where + ": unknown address " + text);
        }
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        synchronized (closing) {
            closing.push(resource);
        }
        return resource;
    }

    /** The web console's and API's base URL (the standby server's while the store is awaited at start). */
    public String baseUrl() {
        MonitoringService running = monitoring;
        if (running != null && running.server() != null) {
            return running.server().baseUrl();
        }
        ServerSettings http = http(setup.config().http());
        String host = http.bindAddress().contains(":") ? "[" + http.bindAddress() + "]" : http.bindAddress();
        host = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return (http.tls() != null ? "https://" : "http://") + host + ":" + standby.port();
    }

    /**
     * Completes with this service once everything runs: at once when the store answered at start, otherwise when it
     * arrives; completes exceptionally when starting then fails (the service is stopped) or it is closed first.
     */
    public java.util.concurrent.CompletableFuture<VirtGuardService> started() {
        return started;
    }

    /** The first full sync of every source. */
    public SyncReport firstSync() {
        return firstSync;
    }

    /** The admin password generated on the first run (to show once, then clear), or empty. */
    public Optional<char[]> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    public Store store() {
        return store;
    }

    public PolicyEngineView policy() {
        return policy;
    }

    /** The inventory loop: syncs, live feeds, the web server. */
    public MonitoringService monitoring() {
        return monitoring;
    }

    /** The flow and syslog listeners, when configured. */
    public Optional<TrafficIntake> intake() {
        return Optional.ofNullable(intake);
    }

    /** Guarded response: plans, requests, approvals. */
    public ResponseService response() {
        return response;
    }

    /** The connectors to the sources, one per source, reused across syncs. */
    public ConnectorPool connectors() {
        return pool;
    }

    /** Writes that must survive a store outage: alerts, flow edges, live inventory updates. */
    public DurableWrites durableWrites() {
        return durable;
    }

    /** The one path every alert takes. */
    public AlertHub alerts() {
        return alerts;
    }

    /** Stops everything in the reverse order of starting; queued alerts and flow edges are written first. */
    @Override
    public void close() {
        Thread waiter = storeWaiter;
        if (waiter != null && waiter != Thread.currentThread() && !assembling) {
            waiter.interrupt();
        }
        synchronized (lifecycle) {
            closed = true;
            drain();
        }
    }

    private void drain() {
        while (!closing.isEmpty()) {
            try {
                closing.pop().close();
            } catch (Exception e) {
                setup.log().accept("while stopping: " + e.getMessage());
            }
        }
    }
}

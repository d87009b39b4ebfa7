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
import org.virtguard.service.config.DeliveryConfig;
import org.virtguard.service.config.Durations;
import org.virtguard.service.config.SecretReader;
import org.virtguard.service.config.FlowIntakeConfig;
import org.virtguard.service.config.HttpConfig;
import org.virtguard.service.config.SyslogIntakeConfig;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.runtime.AlertHub;
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

    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final ServiceSetup setup;
    private Store store;
    private DurableWrites durable;
    private ConnectorPool pool;
    private ResponseService response;
    private PolicyEngineView policy;
    private volatile MonitoringService monitoring;
    private volatile TrafficIntake intake;
    private AlertHub alerts;
    private LifecycleGuards guards;
    private SyncReport firstSync;
    private Optional<char[]> generatedAdminPassword = Optional.empty();
    private final List<WebhookDelivery> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();

    private VirtGuardService(ServiceSetup setup) {
        this.setup = setup;
    }

    /**
     * Validates what the configuration refers to, opens the store, syncs every source once, and starts the live
     * feeds, the listeners, delivery and the web server.
     *
     * @throws ServiceException when the configuration is invalid or a listener cannot start; everything already
     *                          started is stopped again
     */
    public static VirtGuardService start(ServiceSetup setup) {
        VirtGuardService service = new VirtGuardService(setup);
        try {
            service.assemble();
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private void assemble() {
        VirtGuardConfig config = setup.config();
        if (setup.sources().isEmpty()) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG,
                    "no sources configured: add them under 'sources:' in the configuration file");
        }
        Duration resync = Durations.parse(config.lifecycle().resync());
        Duration flowEdgeRetention = Durations.parse(config.retention().flowEdges());
        Duration alertRetention = Durations.parse(config.retention().alerts());
        ResponsePolicy responsePolicy = GuardWiring.responsePolicy(path(config.response().policy()));
        ServerSettings httpSettings = http(config.http());
        Duration dormantAfter = Durations.parse(config.lifecycle().dormantAfter());

        try {
            org.virtguard.store.PrivateFiles.directory(setup.dataDir());
        } catch (java.io.IOException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "dataDir " + setup.dataDir()
                    + " cannot be created: " + e.getMessage());
        }
        store = closeLater(Store.open(setup.store()));
        pool = closeLater(new ConnectorPool(ConnectorRegistry.fromClassPath()));
        policy = closeLater(ServiceWiring.policyEngine(store, setup.clock(),
                config.policy().checksDirs().stream().map(Path::of).toList(), path(config.policy().zones()),
                setup.log()).withExposure(ServiceWiring.exposure(path(config.exposure().kev()),
                config.exposure().advisories().stream().map(Path::of).toList(), setup.clock()))
                .withExceptionLimits(config.policy().exceptions().maxDays(),
                        config.policy().exceptions().minJustification()));
        response = GuardWiring.response(store, responsePolicy, setup.sources(), pool, setup.clock(),
                setup.log());
        closeLater(new ResponseExpiry(response, EXPIRY_CHECK, setup.log()));
        boolean flowsOn = config.intake().flows() != null;
        durable = closeLater(new DurableWrites(store, setup.dataDir().resolve("outage"), DurableSettings.defaults(),
                this::liveChanges, () -> deliveries.forEach(WebhookDelivery::forwardSoon), setup.log()));
        StoreProbe probe = closeLater(new StoreProbe(store, setup.clock(), READINESS_PROBE, setup.log()));
        ServerContext server = ServiceWiring.context(store, setup.clock(), policy, policy.zoneResolver(),
                flowsOn ? new StoredFlowsView(store, setup.clock()) : null).withResponse(response)
                .withReadiness(new ServiceReadiness(probe, durable, () -> intake, () -> monitoring).view())
                .withAlerts(alert -> alerts.raise(alert));
        registerMetrics(server);
        generatedAdminPassword = ServiceWiring.ensureAdmin(server, setup.environment());

        alerts = closeLater(new AlertHub(durable::alert, server.metrics(), Optional.of(response), setup.clock(),
                setup.log()));
        policy.addScanListener(new org.virtguard.service.runtime.ExposureAlerts(alerts::raise));
        guards = GuardWiring.guards(store, dormantAfter, policy, response, setup.clock(), alert -> {
            server.metrics().event("alert." + alert.kind());
            setup.log().accept("ALERT " + alert.severity() + ": " + alert.title());
            deliveries.forEach(WebhookDelivery::forwardSoon);
        });
        startDelivery(config.delivery());
        if (flowsOn || config.intake().syslog() != null) {
            intake = closeLater(new TrafficIntake(store, setup.clock(), policy.zoneResolver(), segmentation(),
                    Thresholds.flows(config.detectors().flows()), Thresholds.auth(config.detectors().auth()),
                    alerts::raise, durable::edges, setup.log()));
        }

        monitoring = closeLater(new MonitoringService(setup.sources(), store, server, pool, this::changed,
                setup.log()).withDurableWrites(durable));
        firstSync = monitoring.start(httpSettings, resync);
        if (intake != null) {
            intake.refreshInventory();
            startIntake(config);
        }
        ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
                org.virtguard.service.runtime.BackgroundThreads.named("virtguard-retention"));
        closeLater(retention::shutdownNow);
        retention.scheduleWithFixedDelay(() -> applyRetention(flowEdgeRetention, alertRetention), 1,
                RETENTION_EVERY.toSeconds(), TimeUnit.SECONDS);
        policy.evaluateSoon();
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

    private void applyRetention(Duration flowEdges, Duration alertsKept) {
        try {
            java.time.Instant now = setup.clock().instant();
            int edges = store.flows().deleteBefore(now.minus(flowEdges));
            int old = store.alerts().deleteLastSeenBefore(now.minus(alertsKept));
            if (edges > 0 || old > 0) {
                setup.log().accept("retention: deleted " + edges + " flow edges older than " + flowEdges + " and "
                        + old + " alerts last seen more than " + alertsKept + " ago");
            }
        } catch (RuntimeException e) {
            setup.log().accept("retention failed: " + e.getMessage());
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
        closing.push(resource);
        return resource;
    }

    /** The web console's and API's base URL. */
    public String baseUrl() {
        return monitoring.server().baseUrl();
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
        while (!closing.isEmpty()) {
            try {
                closing.pop().close();
            } catch (Exception e) {
                setup.log().accept("while stopping: " + e.getMessage());
            }
        }
    }
}

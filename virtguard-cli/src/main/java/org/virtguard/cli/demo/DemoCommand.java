package org.virtguard.cli.demo;

import org.virtguard.service.config.Durations;
import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.virtguard.cli.inventory.InventoryTables;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.cli.demo.DemoTrafficReplay;
import org.virtguard.service.runtime.MonitoringService;
import org.virtguard.service.runtime.PolicyEngineView;
import org.virtguard.cli.serve.ServiceOptions;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.service.runtime.StoredFlowsView;
import org.virtguard.service.runtime.TrafficIntake;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Finding;
import org.virtguard.model.InventoryChange;
import org.virtguard.server.ServerContext;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.alerts.AlertQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code virtguard demo}: the monitoring service ({@code serve}) on the bundled libvirt test-driver lab with
 * a fresh embedded store under {@code <data-dir>/demo}. Prints the console URL and the admin password once,
 * follows the lab, and after a while applies a "day two" (a VM migrated, a vNIC switched into the DMZ, a VM
 * undefined) so the changes appear on the dashboard. Runs until Ctrl-C, for {@code --duration}, or with
 * {@code --once} applies day two at once, prints what changed and stops.
 */
@Command(name = "demo", description = "Run the VirtGuard service on the bundled libvirt test-driver lab "
        + "(embedded store) and open its web console.")
public final class DemoCommand extends BaseCommand {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Option(names = "--keep", description = "Keep the demo store (default: start from a fresh one each run).")
    boolean keep;

    @Option(names = "--once", description = "Sync, apply day two at once, print what changed and stop.")
    boolean once;

    @Option(names = "--day-two-after", defaultValue = "30s", paramLabel = "TIME",
            description = "Apply the day-two scenario to the lab after this long, e.g. 30s; 'off' to never "
                    + "(default: ${DEFAULT-VALUE}).")
    String dayTwoAfter;

    @Option(names = "--dormant-after", defaultValue = "20s", paramLabel = "AGE",
            description = "Dormancy threshold for the demo (default ${DEFAULT-VALUE}, so that day two's power-on of "
                    + "build01 counts as a dormant VM returning; the service's default is 30d).")
    String dormantAfter;

    private static final String RESPONSE_FILE = "response.yaml";
    private static final String AUTH_LOG = "auth-demo.syslog";
    private static final Duration EDGE_FLUSH = Duration.ofSeconds(5);
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(5);

    private volatile boolean started;

    @Override
    public Integer call() throws Exception {
        Path lab = DemoLab.locate();
        Path dataDir = context().dataDir().resolve("demo");
        if (!keep) {
            deleteRecursively(dataDir);
        }
        Path workLab = dataDir.resolve("lab");
        copyLab(lab, workLab);
        List<ConfiguredSource> sources = DemoLab.hostFiles(workLab).stream().map(DemoCommand::source).toList();
        Duration duration = options.duration == null ? null : Durations.parse(options.duration);
        Duration dayTwo = "off".equalsIgnoreCase(dayTwoAfter) ? null : Durations.parse(dayTwoAfter);

        out().printf("VirtGuard demo: %d libvirt test-driver hosts from %s%nstore: embedded H2 under %s%n",
                sources.size(), lab, dataDir.toAbsolutePath());
        try (Store store = Store.open(StoreConfig.embedded(dataDir));
             ConnectorPool pool = new ConnectorPool(ConnectorRegistry.fromClassPath())) {
            Path policyDir = lab.getParent().resolve("policy");
            PolicyEngineView policy = ServiceWiring.policyEngine(store, clock(), List.of(),
                    policyDir.resolve("zones.yaml"), this::log)
                    .withExposure(ServiceWiring.exposure(null, List.of(), clock()));
            org.virtguard.response.ResponseService response = org.virtguard.service.runtime.GuardWiring.response(store,
                    org.virtguard.service.runtime.GuardWiring.responsePolicy(Files.isRegularFile(policyDir.resolve(RESPONSE_FILE)) ? policyDir.resolve(RESPONSE_FILE) : null), sources, pool,
                    clock(), this::log);
            org.virtguard.service.sync.LifecycleGuards guards = org.virtguard.service.runtime.GuardWiring.guards(store,
                    dormantAfter, policy, response, clock(), this::log);
            ServerContext server = ServiceWiring.context(store, clock(), policy, policy.zoneResolver(),
                    new StoredFlowsView(store, clock())).withResponse(response);
            ServiceWiring.bootstrapAdmin(server, System.getenv(), out());
            try (policy; TrafficIntake traffic = new TrafficIntake(store, clock(), policy.zoneResolver(),
                    ServiceWiring.segmentation(policy.zonePolicy()), this::log);
                 org.virtguard.service.runtime.ResponseExpiry expiry = new org.virtguard.service.runtime.ResponseExpiry(response,
                         Duration.ofSeconds(30), this::log);
                 MonitoringService service = new MonitoringService(sources, store, server, pool, changes -> {
                printChanges(changes);
                traffic.refreshInventory();
                policy.evaluateSoon();
                guards.process(changes);
            }, this::log)) {
                SyncReport first = service.start(options.settings(System.getenv()),
                        Durations.parse(options.resync));
                failIfAnyFailed(first);
                started = true;
                printVms(store);
                out().printf("%nSynced %d hosts and %d VMs in %d ms.%nWeb console: %s   (user admin)%n",
                        store.inventory().hosts().size(), store.inventory().vms().size(), first.duration().toMillis(),
                        service.server().baseUrl());
                replayTraffic(lab.getParent(), traffic, store);
                if (once) {
                    Set<String> before = failing(policy.evaluate().findings());
                    applyDayTwo(workLab, service);
                    printNewFindings(before, policy.evaluate().findings());
                } else {
                    runLive(workLab, service, dayTwo, duration);
                }
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    /**
     * Starts the syslog and flow listeners on loopback, replays the lab's auth log and flow exports into them,
     * waits until they are taken in, stores the flow edges and prints the alerts raised.
     */
    private void replayTraffic(Path labRoot, TrafficIntake traffic, Store store)
            throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        traffic.start(loopback, 0, 0, EDGE_FLUSH);
        DemoTrafficReplay replay = new DemoTrafficReplay(loopback);
        Path authLog = labRoot.resolve("logs").resolve(AUTH_LOG);
        int lines = Files.isRegularFile(authLog) ? replay.replayAuthLog(authLog, traffic.syslogPort(),
                clock().instant()) : 0;
        int datagrams = replay.sendLabFlows(traffic.flowPort(), clock().instant());
        boolean received = TrafficIntake.await(() -> traffic.linesReceived() >= lines
                && traffic.datagramsProcessed() >= datagrams, REPLAY_WAIT);
        traffic.flushEdges();
        if (!received) {
            log("not every replayed datagram arrived: " + traffic.linesReceived() + " of " + lines
                    + " syslog lines, " + traffic.datagramsProcessed() + " of " + datagrams + " flow datagrams");
        }
        Map<String, Long> byKind = store.alerts().list(AlertQuery.all()).stream()
                .collect(Collectors.groupingBy(a -> a.alert().kind(), TreeMap::new, Collectors.counting()));
        synchronized (this) {
            out().printf("%n== Traffic replayed into the listeners ==%n"
                            + "  %d auth log lines from %s as syslog to udp/%s:%d%n"
                            + "  %d NetFlow v5 datagrams to udp/%s:%d%n",
                    lines, labRoot.relativize(authLog), loopback.getHostAddress(), traffic.syslogPort(), datagrams,
                    loopback.getHostAddress(), traffic.flowPort());
            out().printf("Alerts: %d%n", byKind.values().stream().mapToLong(Long::longValue).sum());
            byKind.forEach((kind, count) -> out().printf("  %-32s %d%n", kind, count));
            out().flush();
        }
    }

    private void runLive(Path workLab, MonitoringService service, Duration dayTwo, Duration duration)
            throws InterruptedException {
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "virtguard-demo-day-two");
            t.setDaemon(true);
            return t;
        });
        try {
            if (dayTwo != null) {
                out().printf("Day two arrives on the hypervisors in %d s: watch the dashboard.%n", dayTwo.toSeconds());
                later.schedule(() -> applyDayTwo(workLab, service), dayTwo.toMillis(), TimeUnit.MILLISECONDS);
            }
            out().printf("Press Ctrl-C to stop.%n");
            out().flush();
            MonitoringService.awaitStop(duration);
        } finally {
            later.shutdownNow();
        }
    }

    private void applyDayTwo(Path workLab, MonitoringService service) {
        try {
            List<String> applied = new java.util.ArrayList<>(DayTwoScenario.apply(workLab));
            applied.add(DayTwoScenario.powerOnDormantVm(workLab));
            synchronized (this) {
                out().printf("%n== Day two: on the hypervisors ==%n");
                applied.forEach(line -> out().println("  - " + line));
                out().printf("%n== What VirtGuard recorded ==%n");
                out().flush();
            }
            service.reconnectAndSync();
        } catch (IOException | RuntimeException e) {
            log("day two could not be applied: " + e.getMessage());
        }
    }

    private synchronized void printVms(Store store) {
        var hostNames = store.inventory().hosts().stream()
                .collect(Collectors.toMap(h -> h.host().id(), h -> h.host().name(), (a, b) -> a));
        out().printf("%nVMs%n");
        TableWriter.text(InventoryTables.vms(store.inventory().vms(), hostNames), out());
    }

    private static Set<String> failing(List<Finding> findings) {
        return findings.stream().filter(f -> f.status() == CheckStatus.FAIL)
                .map(f -> f.checkId() + " " + f.resource().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    private synchronized void printNewFindings(Set<String> before, List<Finding> after) {
        Set<String> now = failing(after);
        now.removeAll(before);
        out().printf("%n== New findings after day two ==%n");
        now.forEach(f -> out().println("  FAIL " + f));
        out().flush();
    }

    private synchronized void printChanges(List<InventoryChange> changes) {
        if (!started) {
            return;
        }
        TableWriter.text(InventoryTables.changes(changes, true), out());
        out().flush();
    }

    private synchronized void log(String message) {
        err().println("virtguard: " + message);
        err().flush();
    }

    private static ConfiguredSource source(Path nodeFile) {
        String name = nodeFile.getFileName().toString().replaceFirst("\\.xml$", "");
        return new ConfiguredSource(new SourceSpec("lab-" + name, DemoLab.uriOf(nodeFile), Map.of("name", name)),
                Credentials.none());
    }

    private static void failIfAnyFailed(SyncReport report) {
        report.results().stream().filter(r -> !r.succeeded()).findFirst().ifPresent(r -> {
            throw new CliException(r.error(), "demo lab source failed: " + r.message());
        });
    }

    private static void copyLab(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new CliException(ErrorCode.STORE_UNAVAILABLE, "cannot reset demo directory " + dir + ": " + e);
        }
    }
}

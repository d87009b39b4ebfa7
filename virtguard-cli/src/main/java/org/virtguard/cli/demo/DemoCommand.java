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
import org.virtguard.service.runtime.MonitoringService;
import org.virtguard.cli.serve.ServiceOptions;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.service.runtime.TrafficIntake;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.ServiceSetup;
import org.virtguard.service.VirtGuardService;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.LifecycleConfig;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Finding;
import org.virtguard.model.InventoryChange;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.alerts.AlertQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.virtguard.model.net.IpAddressText;

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

    @Option(names = "--dormant-after", paramLabel = "AGE",
            description = "Dormancy threshold (overrides the demo configuration's 20s, so that day two's power-on of "
                    + "build01 counts as a dormant VM returning; the service's default is 30d).")
    String dormantAfter;

    static final String DEMO_CONFIG = "virtguard-demo.yaml";
    private static final String AUTH_LOG = "auth-demo.syslog";
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(5);

    private volatile boolean started;

    @Override
    public Integer call() throws Exception {
        Path lab = DemoLab.locate().getParent();
        Path dataDir = context().dataDir().resolve("demo").toAbsolutePath().normalize();
        if (!keep) {
            deleteRecursively(dataDir);
        }
        Path workLab = dataDir.resolve("lab");
        copyLab(lab, workLab);
        Path configFile = writeConfiguration(lab.resolve(DEMO_CONFIG), workLab, dataDir);
        VirtGuardConfig config = withOptions(new ConfigLoader().load(configFile));
        Duration duration = options.duration == null ? null : Durations.parse(options.duration);
        Duration dayTwo = "off".equalsIgnoreCase(dayTwoAfter) ? null : Durations.parse(dayTwoAfter);

        out().printf("VirtGuard demo: %d libvirt test-driver hosts from %s%nstore: embedded H2 under %s%n"
                        + "configuration: %s (the same service runs with: virtguard serve --config %s)%n",
                config.sources().size(), lab.resolve("libvirt"), dataDir, configFile, configFile);
        List<ConfiguredSource> sources = ConfiguredSource.of(config.sources(), System.getenv());
        ServiceSetup setup = new ServiceSetup(config, dataDir, StoreConfig.embedded(dataDir), sources,
                System.getenv(), clock(), this::log, this::printChanges);
        try (VirtGuardService service = VirtGuardService.start(setup)) {
            failIfAnyFailed(service.firstSync());
            ServiceWiring.printGeneratedAdmin(service.generatedAdminPassword(), out());
            started = true;
            Store store = service.store();
            printVms(store);
            out().printf("%nSynced %d hosts and %d VMs in %d ms.%nWeb console: %s   (user admin)%n",
                    store.inventory().hosts().size(), store.inventory().vms().size(),
                    service.firstSync().duration().toMillis(), service.baseUrl());
            TrafficIntake traffic = service.intake().orElseThrow();
            replayTraffic(workLab, traffic, service);
            Path hosts = workLab.resolve("libvirt");
            if (once) {
                Set<String> before = failing(service.policy().evaluate().findings());
                applyDayTwo(hosts, service.monitoring());
                printNewFindings(before, service.policy().evaluate().findings());
            } else {
                runLive(hosts, service.monitoring(), dayTwo, duration);
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** The bundled demo configuration with the lab copy and data directory filled in, written beside the store. */
    private static Path writeConfiguration(Path template, Path workLab, Path dataDir) throws IOException {
        String text = Files.readString(template, java.nio.charset.StandardCharsets.UTF_8)
                .replace("${LAB}", workLab.toString()).replace("${DATA}", dataDir.toString());
        Path file = dataDir.resolve("virtguard.yaml");
        Files.createDirectories(dataDir);
        Files.writeString(file, text, java.nio.charset.StandardCharsets.UTF_8);
        return file;
    }

    private VirtGuardConfig withOptions(VirtGuardConfig c) {
        LifecycleConfig lifecycle = new LifecycleConfig(options.resync != null ? options.resync
                : c.lifecycle().resync(), dormantAfter != null ? dormantAfter : c.lifecycle().dormantAfter());
        return new VirtGuardConfig(c.dataDir(), c.store(), options.http(c.http()), c.sources(), c.policy(),
                c.exposure(), c.response(), lifecycle, c.intake(), c.detectors(), c.delivery(), c.retention(),
                c.audit(), c.logging(), c.disk());
    }

    /**
     * Replays the lab's auth log and flow exports into the service's listeners, waits until they are taken in and
     * the alerts recorded, stores the flow edges and prints the alerts raised.
     */
    private void replayTraffic(Path labRoot, TrafficIntake traffic, VirtGuardService service)
            throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DemoTrafficReplay replay = new DemoTrafficReplay(loopback);
        Path authLog = labRoot.resolve("logs").resolve(AUTH_LOG);
        int lines = Files.isRegularFile(authLog) ? replay.replayAuthLog(authLog, traffic.syslogUdpPort(),
                clock().instant()) : 0;
        int flowPort = traffic.flowPorts().getFirst();
        int datagrams = replay.sendLabFlows(flowPort, clock().instant());
        boolean received = TrafficIntake.await(() -> traffic.linesReceived() >= lines
                && traffic.datagramsProcessed() >= datagrams, REPLAY_WAIT);
        traffic.flushEdges();
        TrafficIntake.await(() -> service.alerts().queued() == 0, REPLAY_WAIT);
        service.durableWrites().awaitWritten(REPLAY_WAIT);
        if (!received) {
            log("not every replayed datagram arrived: " + traffic.linesReceived() + " of " + lines
                    + " syslog lines, " + traffic.datagramsProcessed() + " of " + datagrams + " flow datagrams");
        }
        Map<String, Long> byKind = service.store().alerts().list(AlertQuery.all()).stream()
                .collect(Collectors.groupingBy(a -> a.alert().kind(), TreeMap::new, Collectors.counting()));
        synchronized (this) {
            out().printf("%n== Traffic replayed into the listeners ==%n"
                            + "  %d auth log lines from %s as syslog to udp/%s:%d%n"
                            + "  %d NetFlow v5 datagrams to udp/%s:%d%n",
                    lines, labRoot.relativize(authLog), IpAddressText.format(loopback), traffic.syslogUdpPort(), datagrams,
                    IpAddressText.format(loopback), flowPort);
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

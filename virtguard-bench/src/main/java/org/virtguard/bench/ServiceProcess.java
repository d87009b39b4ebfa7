package org.virtguard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.virtguard.service.ServiceSetup;
import org.virtguard.service.VirtGuardService;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.runtime.TrafficIntake;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.store.StoreConfig;

/**
 * The service side of {@link ServiceLosslessBench}: what {@code virtguard serve --config FILE} runs (the same
 * {@link VirtGuardService} from the same loaded configuration, embedded store under its data directory), without
 * the command line, so that the harness can read the service's counters. Prints
 * {@code ready FLOW-PORT SYSLOG-PORT VMS STARTUP-MS}, then answers commands on standard input, one per line:
 * <ul>
 * <li>{@code stats}: {@code stats datagrams D flows F drops X lines L alerts-recorded A alerts-queued Q evaluations E
 * last-evaluation-ms M cpu-ms C} followed by {@code threads NAME=CPU-MS;...} (cumulative, by thread name);</li>
 * <li>{@code change}: what the service does on a batch of inventory changes, without the batch: re-evaluates the
 * policy over the whole inventory and re-reads it for address attribution ({@code last-evaluation-ms} is the time
 * from this command to the end of that evaluation).</li>
 * </ul>
 * When standard input closes it stops the service and exits.
 */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        VirtGuardConfig config = new ConfigLoader().load(file);
        Path dataDir = Path.of(config.dataDir());
        Map<String, String> environment = System.getenv();
        List<ConfiguredSource> sources = ConfiguredSource.of(config.sources(), environment);
        AtomicLong alertLines = new AtomicLong();
        ServiceSetup setup = new ServiceSetup(config, dataDir, StoreConfig.embedded(dataDir), sources, environment,
                Clock.systemUTC(), message -> {
                    if (message.startsWith("ALERT ")) {
                        alertLines.incrementAndGet();
                    } else {
                        System.err.println("  service: " + message);
                    }
                }, changes -> { });
        long started = System.nanoTime();
        AtomicLong evaluations = new AtomicLong();
        AtomicLong changeAt = new AtomicLong();
        AtomicLong lastEvaluationMillis = new AtomicLong(-1);
        try (VirtGuardService service = VirtGuardService.start(setup)) {
            service.policy().addScanListener(record -> {
                evaluations.incrementAndGet();
                long at = changeAt.getAndSet(0);
                if (at != 0) {
                    lastEvaluationMillis.set((System.nanoTime() - at) / 1_000_000);
                }
            });
            TrafficIntake intake = service.intake().orElseThrow();
            System.out.println("ready " + intake.flowPorts().getFirst() + " " + intake.syslogUdpPort() + " "
                    + service.store().inventory().vms().size() + " " + (System.nanoTime() - started) / 1_000_000);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "stats" -> {
                        System.out.println("stats datagrams " + intake.datagramsProcessed() + " flows "
                                + intake.flowsProcessed() + " drops " + intake.flowDrops() + " lines "
                                + intake.linesReceived() + " alerts-recorded " + service.alerts().recorded()
                                + " alerts-queued " + service.alerts().queued() + " evaluations " + evaluations.get()
                                + " last-evaluation-ms " + lastEvaluationMillis.get() + " cpu-ms " + cpuMillis());
                        System.out.println("threads " + threadCpu());
                    }
                    case "change" -> {
                        changeAt.set(System.nanoTime());
                        service.policy().evaluateSoon();
                        intake.refreshInventorySoon();
                        System.out.println("changed");
                    }
                    default -> System.out.println("unknown " + line);
                }
                System.out.flush();
            }
        }
        System.out.println("closed");
    }

    private static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** CPU milliseconds (user + system) of this process's threads, added up by thread name, from /proc. */
    static String threadCpu() {
        Map<String, Long> byName = new TreeMap<>();
        long tick = 10; // USER_HZ is 100 on Linux
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replace(' ', '_').replace(';', '_')
                            .replace('=', '_');
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    byName.merge(name, ticks * tick, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        byName.forEach((name, ms) -> {
            if (ms > 0) {
                out.append(out.isEmpty() ? "" : ";").append(name).append('=').append(ms);
            }
        });
        return out.toString();
    }
}

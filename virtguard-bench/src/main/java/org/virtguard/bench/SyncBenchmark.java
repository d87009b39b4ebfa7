package org.virtguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.virtguard.cli.sync.ConfiguredSource;
import org.virtguard.cli.sync.ConnectorRegistry;
import org.virtguard.cli.sync.InventorySyncService;
import org.virtguard.cli.sync.SourceCollector;
import org.virtguard.cli.sync.SyncReport;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * Inventory sync benchmark: generates a test-driver lab (default 50 hosts × 200 domains), then measures
 * a full first sync, an unchanged re-sync and peak heap, into H2 and/or PostgreSQL.
 *
 * <p>Run by hand (see docs/benchmarks.md). PostgreSQL comes from {@code VIRTGUARD_BENCH_PG_URL},
 * {@code VIRTGUARD_BENCH_PG_USER} and {@code VIRTGUARD_BENCH_PG_PASSWORD} (or the {@code VIRTGUARD_TEST_PG_*}
 * variables that {@code ./run-tests} sets).
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int vmsPerHost = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String targets = args.length > 2 ? args[2] : "h2,pg";
        Path work = Files.createTempDirectory("virtguard-bench");
        Path lab = work.resolve("lab");
        List<Path> files = new TestDriverLabGenerator(hosts, vmsPerHost, 42L).write(lab);
        List<ConfiguredSource> sources = files.stream().map(f -> new ConfiguredSource(
                new SourceSpec("bench-" + f.getFileName(), "test://" + f.toAbsolutePath(), Map.of()),
                Credentials.none())).toList();
        System.out.printf("lab: %d hosts x %d domains = %d VMs in %s%n", hosts, vmsPerHost, hosts * vmsPerHost, lab);
        for (String target : targets.split(",")) {
            StoreConfig config = switch (target.trim()) {
                case "h2" -> StoreConfig.embedded(work.resolve("h2"));
                case "pg" -> postgres();
                default -> throw new IllegalArgumentException("unknown target " + target + " (h2, pg)");
            };
            if (config == null) {
                System.out.println("pg: SKIPPED (set VIRTGUARD_BENCH_PG_URL/_USER/_PASSWORD)");
                continue;
            }
            run(target.trim(), config, sources);
        }
    }

    private static void run(String target, StoreConfig config, List<ConfiguredSource> sources) {
        InventorySyncService sync = new InventorySyncService(new SourceCollector(ConnectorRegistry.fromClassPath()),
                Clock.systemUTC());
        resetPeakHeap();
        try (Store store = Store.open(config)) {
            long t0 = System.nanoTime();
            SyncReport full = sync.sync(sources, store.inventory());
            long t1 = System.nanoTime();
            SyncReport again = sync.sync(sources, store.inventory());
            long t2 = System.nanoTime();
            long vms = full.results().stream().filter(r -> r.succeeded()).mapToLong(r -> r.snapshot().vms().size()).sum();
            System.out.printf("%s: full sync %d VMs: %.2f s (%d changes, failures %s) | unchanged re-sync: %.2f s "
                            + "(%d changes) | peak heap %.0f MiB%n",
                    target, vms, (t1 - t0) / 1e9, full.outcome().changes().size(), full.anyFailed(),
                    (t2 - t1) / 1e9, again.outcome().changes().size(), peakHeapBytes() / 1048576.0);
        }
    }

    private static StoreConfig postgres() {
        String url = env("VIRTGUARD_BENCH_PG_URL", "VIRTGUARD_TEST_PG_URL");
        if (url == null) {
            return null;
        }
        return StoreConfig.postgres(url, env("VIRTGUARD_BENCH_PG_USER", "VIRTGUARD_TEST_PG_USER"),
                env("VIRTGUARD_BENCH_PG_PASSWORD", "VIRTGUARD_TEST_PG_PASSWORD"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : System.getenv(fallback);
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }
}

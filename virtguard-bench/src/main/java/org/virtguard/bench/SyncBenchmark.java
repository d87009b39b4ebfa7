package org.virtguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.SourceCollector;
import org.virtguard.service.sync.SourceResult;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.SyncOutcome;

/**
 * Inventory sync benchmark: generates a test-driver lab (default 50 hosts × 200 domains), then measures
 * a full first sync (connecting to every host), an unchanged re-sync over the kept connections (as the
 * long-running service does) and peak heap, into H2 and/or PostgreSQL, each into an empty database.
 *
 * <p>Usage: {@code SyncBenchmark [hosts=50] [vmsPerHost=200] [targets=h2,pg]}. PostgreSQL comes from
 * {@code VIRTGUARD_BENCH_PG_URL}, {@code _USER}, {@code _PASSWORD} (or the {@code VIRTGUARD_TEST_PG_*}
 * variables); the benchmark works in a schema of its own and drops it afterwards.
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int vmsPerHost = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String targets = args.length > 2 ? args[2] : "h2,pg";
        Path work = Files.createTempDirectory("virtguard-bench");
        List<Path> files = new TestDriverLabGenerator(hosts, vmsPerHost, 42L).write(work.resolve("lab"));
        List<ConfiguredSource> sources = files.stream().map(f -> new ConfiguredSource(
                new SourceSpec("bench-" + f.getFileName(), "test://" + f.toAbsolutePath(), Map.of()),
                Credentials.none())).toList();
        System.out.printf("lab: %d hosts x %d domains = %d VMs; %d cores, max heap %d MiB%n", hosts, vmsPerHost,
                hosts * vmsPerHost, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1048576);
        try {
            for (String target : targets.split(",")) {
                switch (target.trim()) {
                    case "h2" -> run("h2", StoreConfig.embedded(work.resolve("h2")), sources);
                    case "pg" -> runOnPostgres(sources);
                    default -> throw new IllegalArgumentException("unknown target " + target + " (h2, pg)");
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Removes the lab and the H2 files (about 300 MB per run). */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void runOnPostgres(List<ConfiguredSource> sources) throws SQLException {
        String url = env("VIRTGUARD_BENCH_PG_URL", "VIRTGUARD_TEST_PG_URL");
        if (url == null) {
            System.out.println("pg: SKIPPED (set VIRTGUARD_BENCH_PG_URL/_USER/_PASSWORD)");
            return;
        }
        String user = env("VIRTGUARD_BENCH_PG_USER", "VIRTGUARD_TEST_PG_USER");
        String password = env("VIRTGUARD_BENCH_PG_PASSWORD", "VIRTGUARD_TEST_PG_PASSWORD");
        String schema = "vg_bench_" + System.currentTimeMillis();
        execute(url, user, password, "CREATE SCHEMA " + schema);
        try {
            run("pg", StoreConfig.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    user, password), sources);
        } finally {
            execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void run(String target, StoreConfig config, List<ConfiguredSource> sources) {
        resetPeakHeap();
        try (ConnectorPool pool = new ConnectorPool(ConnectorRegistry.fromClassPath());
             Store store = Store.open(config)) {
            SourceCollector collector = new SourceCollector(pool);
            Round first = round(collector, sources, store);
            Round again = round(collector, sources, store);
            System.out.printf("%s: full sync %d VMs: %.2f s (collect %.2f s + store %.2f s, %d changes) | "
                            + "unchanged re-sync: %.2f s (collect %.2f s + store %.2f s, %d changes) | peak heap %.0f MiB%n",
                    target, first.vms, first.total(), first.collectSeconds, first.storeSeconds, first.changes,
                    again.total(), again.collectSeconds, again.storeSeconds, again.changes, peakHeapBytes() / 1048576.0);
        }
    }

    private record Round(long vms, double collectSeconds, double storeSeconds, int changes) {
        double total() {
            return collectSeconds + storeSeconds;
        }
    }

    private static Round round(SourceCollector collector, List<ConfiguredSource> sources, Store store) {
        long t0 = System.nanoTime();
        List<SourceResult> results = collector.collectAll(sources);
        long t1 = System.nanoTime();
        List<InventorySnapshot> snapshots = new ArrayList<>();
        for (SourceResult r : results) {
            if (!r.succeeded()) {
                throw new IllegalStateException("source failed: " + r.message());
            }
            snapshots.add(r.snapshot());
        }
        SyncOutcome outcome = store.inventory().applySync(snapshots, List.of(), Instant.now());
        long t2 = System.nanoTime();
        long vms = snapshots.stream().mapToLong(s -> s.vms().size()).sum();
        return new Round(vms, (t1 - t0) / 1e9, (t2 - t1) / 1e9, outcome.changes().size());
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
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

    /** Sum of the heap pools' peaks: an upper bound of the peak heap in use. */
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

package org.virtguard.store.findings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * Hand-run store-level measurement of zone-filtered findings pages in PostgreSQL: 100,000 findings recorded with
 * the same area, host and zone spread as the server's {@code ListApiBench}, vacuumed, then page 1 and page 100
 * (offset 4950, limit 50) of zone + area, zone + host, zone + state and zone + VM filters, each as
 * {@code EXPLAIN ANALYZE} of the page's key query and as the median time of {@link FindingRepository#pageJson}.
 *
 * <p>Needs {@code VIRTGUARD_TEST_PG_URL}, {@code VIRTGUARD_TEST_PG_USER}, {@code VIRTGUARD_TEST_PG_PASSWORD}.
 */
public final class ZoneFilterBench {

    private static final int ROWS = 100_000;
    private static final String[] AREAS = {"management", "layer2", "vm-hardening", "zones", "hygiene", "libvirt"};
    private static final String[] ZONES = {"dmz", "internal", "mgmt", "pci"};

    private ZoneFilterBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("VIRTGUARD_TEST_PG_URL");
        String user = System.getenv("VIRTGUARD_TEST_PG_USER");
        String password = System.getenv("VIRTGUARD_TEST_PG_PASSWORD");
        if (url == null) {
            throw new IllegalStateException("set VIRTGUARD_TEST_PG_URL (source /tmp/vgpg.env or run ./run-tests)");
        }
        String schema = "vg_zbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, user, password, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Store store = Store.open(StoreConfig.postgres(schemaUrl, user, password))) {
            FindingRepository repo = store.findings();
            List<Finding> findings = findings();
            List<String> checks = findings.stream().map(Finding::checkId).distinct().toList();
            long t0 = System.nanoTime();
            repo.recordScan(findings, checks, Instant.now(), ZoneFilterBench::place);
            System.out.printf("first scan of %d findings: %d ms%n", ROWS, (System.nanoTime() - t0) / 1_000_000);
            vacuum(store);
            t0 = System.nanoTime();
            repo.recordScan(findings, checks, Instant.now().plusSeconds(60), ZoneFilterBench::place);
            System.out.printf("unchanged rescan: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            vacuum(store);
            List<FindingQuery> queries = List.of(
                    new FindingQuery(null, null, null, "dmz", null, null),
                    new FindingQuery(null, null, "management", "dmz", null, null),
                    new FindingQuery(null, null, null, "dmz", "host-0", null),
                    new FindingQuery(null, null, null, "dmz", "host-1", null),
                    new FindingQuery(null, null, null, "dmz", null, "fail"),
                    new FindingQuery(null, null, null, "dmz", null, "excepted"),
                    new FindingQuery(null, null, null, "dmz", null, null, "vm-400"));
            for (FindingQuery q : queries) {
                for (int offset : new int[] {0, 4950}) {
                    measure(store, repo, q, offset);
                }
            }
        } finally {
            execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void measure(Store store, FindingRepository repo, FindingQuery q, int offset) {
        FindingSql where = FindingSql.where(q);
        List<String> plan = store.jdbi().withHandle(h -> where.bind(h.createQuery("EXPLAIN (ANALYZE, BUFFERS) "
                        + where.keys() + " LIMIT :limit OFFSET :offset"))
                .bind("limit", 50).bind("offset", offset).mapTo(String.class).list());
        long total = repo.pageJson(q, 0, 1).total();
        long[] nanos = new long[21];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            repo.pageJson(q, offset, 50);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%n== zone=%s area=%s host=%s state=%s vm=%s offset=%d total=%d: pageJson median %.2f ms%n",
                q.zone(), q.area(), q.hostId(), q.state(), q.vmId(), offset, total, nanos[nanos.length / 2] / 1e6);
        plan.forEach(line -> System.out.println("   " + line));
    }

    private static void vacuum(Store store) throws InterruptedException {
        for (int attempt = 1; attempt <= 20; attempt++) {
            int visible = store.jdbi().withHandle(h -> {
                h.execute("VACUUM ANALYZE finding");
                h.execute("VACUUM ANALYZE finding_zone");
                return h.createQuery("SELECT relallvisible FROM pg_class WHERE oid = 'finding_zone'::regclass")
                        .mapTo(Integer.class).one();
            });
            if (visible > 0) {
                return;
            }
            Thread.sleep(1000);
        }
        System.out.println("warning: finding_zone pages not all-visible after VACUUM");
    }

    private static List<Finding> findings() {
        List<Finding> list = new ArrayList<>(ROWS);
        Severity[] severities = Severity.values();
        Instant at = Instant.now();
        for (int i = 0; i < ROWS; i++) {
            CheckStatus status = i % 97 == 0 ? CheckStatus.EXCEPTED : CheckStatus.FAIL;
            list.add(new Finding("check-" + (i % 60), new ResourceRef(ObjectType.VM, "vm-" + i, "vm" + i),
                    status, severities[4 - i % 5], "Check " + (i % 60), "value " + i,
                    Map.of("host", "host-" + (i % 40)), List.of("CIS:1." + (i % 9)), at));
        }
        return List.copyOf(list);
    }

    private static FindingPlacement place(Finding f) {
        int i = Integer.parseInt(f.resource().id().substring(3));
        return new FindingPlacement(AREAS[i % 60 % AREAS.length], "host-" + (i % 40), Set.of(ZONES[i % ZONES.length]));
    }

    private static void execute(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

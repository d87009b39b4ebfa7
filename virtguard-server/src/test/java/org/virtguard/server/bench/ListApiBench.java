package org.virtguard.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jdbi.v3.core.statement.PreparedBatch;
import org.virtguard.model.Alert;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.server.VirtGuardServer;
import org.virtguard.server.security.PasswordHasher;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.SecurityPolicy;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.InventoryJson;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.findings.FindingPlacement;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;

/**
 * Hand-run load target: 100,000 alerts and 100,000 findings (recorded through the findings repository, with
 * area, host and zone) in a fresh PostgreSQL schema, served from PostgreSQL by the alerts and findings APIs until
 * the given number of seconds has passed. Drive it with wrk, e.g.
 * {@code wrk -t2 -c16 -d20s --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/findings?limit=50&offset=5000"}.
 *
 * <p>Needs {@code VIRTGUARD_TEST_PG_URL}, {@code VIRTGUARD_TEST_PG_USER}, {@code VIRTGUARD_TEST_PG_PASSWORD}.
 * Argument: seconds to serve (default 120).
 */
public final class ListApiBench {

    private static final int ROWS = 100_000;

    private ListApiBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("VIRTGUARD_TEST_PG_URL");
        String user = System.getenv("VIRTGUARD_TEST_PG_USER");
        String password = System.getenv("VIRTGUARD_TEST_PG_PASSWORD");
        if (url == null) {
            throw new IllegalStateException("set VIRTGUARD_TEST_PG_URL (source /tmp/vgpg.env or run ./run-tests)");
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 120;
        String schema = "vg_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, user, password, "CREATE SCHEMA " + schema);
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Store store = Store.open(StoreConfig.postgres(schemaUrl, user, password))) {
            long t0 = System.nanoTime();
            seedAlerts(store);
            System.out.printf("seeded %d alerts in %d ms%n", ROWS, (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            List<Finding> findings = findings();
            store.findings().recordScan(findings, findings.stream().map(Finding::checkId).distinct().toList(),
                    Instant.now(), ListApiBench::place);
            vacuum(store);
            System.out.printf("recorded %d findings in %d ms%n", ROWS, (System.nanoTime() - t0) / 1_000_000);
            ServerContext context = ServerContext.of(store, Clock.systemUTC(), PasswordHasher.standard(),
                    SecurityPolicy.defaults(), org.virtguard.server.StoredFindingsPolicyView.of(store), null,
                    null, null);
            context.security().users().create("bench", Role.VIEWER, context.hasher().hash("unused-password".toCharArray()),
                    Instant.now());
            String id = "vgt_" + Secrets.random(9);
            String token = id + "." + Secrets.random(32);
            context.security().tokens().create(new StoredToken(id, "bench", "bench", Role.VIEWER,
                    Set.of(TokenScope.READ), Instant.now(), Instant.now().plus(Duration.ofDays(1)), null, null),
                    Secrets.digest(token));
            try (VirtGuardServer server = new VirtGuardServer(ServerSettings.loopback(0), context).start()) {
                System.out.println("URL=" + server.baseUrl());
                System.out.println("TOKEN=" + token);
                System.out.flush();
                Thread.sleep(seconds * 1000L);
            }
        } finally {
            execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * What autovacuum does soon after a first big scan: statistics, and the visibility map that lets pages be read
     * index-first. Repeated while another session's open transaction keeps the new rows from being all-visible.
     */
    private static void vacuum(Store store) throws InterruptedException {
        for (int attempt = 1; attempt <= 20; attempt++) {
            int visible = store.jdbi().withHandle(h -> {
                h.execute("VACUUM ANALYZE finding");
                h.execute("VACUUM ANALYZE finding_zone");
                return h.createQuery("SELECT relallvisible FROM pg_class WHERE oid = 'finding'::regclass")
                        .mapTo(Integer.class).one();
            });
            if (visible > 0) {
                return;
            }
            Thread.sleep(1000);
        }
        System.out.println("warning: finding pages not all-visible after VACUUM (a long transaction elsewhere?)");
    }

    private static void seedAlerts(Store store) {
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        Severity[] severities = Severity.values();
        store.jdbi().useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO alert (alert_key, kind, severity, severity_rank, title, first_seen, last_seen,
                        event_count, status, updated_at, doc)
                    VALUES (:key, :kind, :sev, :rank, :title, :first, :last, :count, 'OPEN', :last, :doc)""");
            for (int i = 0; i < ROWS; i++) {
                String kind = i % 3 == 0 ? "auth.bruteforce" : i % 3 == 1 ? "flow.portscan" : "flow.segmentation";
                Severity sev = severities[i % severities.length];
                Instant last = base.plusSeconds(i * 7L);
                Alert a = new Alert(kind + "|10.0." + (i / 250) + "." + (i % 250), kind, sev, kind + " #" + i, null,
                        null, last.minusSeconds(60), last, 1 + i % 50, Map.of("n", Integer.toString(i)),
                        List.of("evidence line " + i));
                batch.bind("key", a.key()).bind("kind", kind).bind("sev", sev.name()).bind("rank", sev.ordinal())
                        .bind("title", a.title()).bind("first", a.firstSeen()).bind("last", last)
                        .bind("count", a.count()).bind("doc", InventoryJson.write(a)).add();
                if (i % 5000 == 4999) {
                    batch.execute();
                }
            }
        });
        store.jdbi().useHandle(h -> h.execute("ANALYZE alert"));
    }

    private static List<Finding> findings() {
        List<Finding> list = new ArrayList<>(ROWS);
        Severity[] severities = Severity.values();
        Instant at = Instant.now();
        for (int i = 0; i < ROWS; i++) {
            list.add(new Finding("check-" + (i % 60), new ResourceRef(ObjectType.VM, "vm-" + i, "vm" + i),
                    CheckStatus.FAIL, severities[4 - i % 5], "Check " + (i % 60), "value " + i,
                    Map.of("host", "host-" + (i % 40)), List.of("CIS:1." + (i % 9)), at));
        }
        return List.copyOf(list);
    }

    private static void execute(String url, String user, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static final String[] AREAS = {"management", "layer2", "vm-hardening", "zones", "hygiene", "libvirt"};
    private static final String[] ZONES = {"dmz", "internal", "mgmt", "pci"};

    private static FindingPlacement place(Finding f) {
        int i = Integer.parseInt(f.resource().id().substring(3));
        return new FindingPlacement(AREAS[i % 60 % AREAS.length], "host-" + (i % 40), Set.of(ZONES[i % ZONES.length]));
    }

}

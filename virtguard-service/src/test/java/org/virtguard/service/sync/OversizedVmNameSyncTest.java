package org.virtguard.service.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.ObjectLimits;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.StoredVm;

/**
 * Issue 14, item 8, end to end: a libvirt dump ({@code libvirt-dir://}) holding one domain with a 5,000-character
 * name next to normal ones. The sync succeeds, every other VM of the source is stored, the hostile one is stored
 * with its name cut, and the sync report prints a warning naming the source, the VM, the field, its length and the
 * limit; on the embedded H2 store and on PostgreSQL.
 */
class OversizedVmNameSyncTest {

    private static final String LONG_NAME = "evil-" + "x".repeat(4995);

    @TempDir
    Path temp;

    @Test
    void onH2TheOtherVmsSyncAndTheReportNamesTheOversizedOne() throws Exception {
        Path data = temp.resolve("h2");
        check(StoreConfig.embedded(data));
    }

    @Test
    void onPostgresTheOtherVmsSyncAndTheReportNamesTheOversizedOne() throws Exception {
        String url = System.getenv("VIRTGUARD_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv("VIRTGUARD_REQUIRE_SERVICES"))) {
                throw new AssertionError("PostgreSQL test FAILED: VIRTGUARD_TEST_PG_URL not set");
            }
            Assumptions.abort("PostgreSQL test SKIPPED: VIRTGUARD_TEST_PG_URL not set");
        }
        String user = System.getenv("VIRTGUARD_TEST_PG_USER");
        String password = System.getenv("VIRTGUARD_TEST_PG_PASSWORD");
        String schema = "vg_oversized_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, user, password, "CREATE SCHEMA " + schema);
        try {
            check(StoreConfig.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user,
                    password));
        } finally {
            execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void check(StoreConfig storeConfig) throws Exception {
        Path dump = dumpWithOversizedDomain();
        ConfiguredSource source = new ConfiguredSource(SourceSpec.of("libvirt-dir://" + dump), Credentials.none());
        String sourceId = source.spec().id();
        try (Store store = Store.open(storeConfig)) {
            SyncReport report = new InventorySyncService(new SourceCollector(ConnectorRegistry.fromClassPath()),
                    Clock.systemUTC()).sync(List.of(source), store.inventory());

            assertThat(report.anyFailed()).as("the source syncs").isFalse();
            List<String> names = store.inventory().vms().stream().map(StoredVm::vm).map(v -> v.name()).toList();
            assertThat(names).contains("web01", "web02", "build01", "jump01");
            assertThat(names).filteredOn(n -> n.startsWith("evil-")).singleElement()
                    .satisfies(n -> assertThat(n).hasSize(ObjectLimits.MAX_NAME));
            StringWriter printed = new StringWriter();
            SyncWarnings.print(report, new PrintWriter(printed), true, "");
            assertThat(printed.toString()).contains("virtguard: warning: " + sourceId + ": VM ")
                    .contains("source " + sourceId + ": name is 5000 characters, the limit is 1024; cut to 1024 "
                            + "characters")
                    .contains("evil-xxxxx").contains("[5000 characters]");
        }
    }

    /** The lab's host-a dump with one more domain: a copy of web01 under another UUID and a 5,000-character name. */
    private Path dumpWithOversizedDomain() throws Exception {
        Path from = TestEnvironment.requireLab().getParent().resolve("libvirt/host-a");
        Path to = temp.resolve("dump");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        String web01 = Files.readString(from.resolve("web01.xml"));
        String evil = web01.replace("<name>web01</name>", "<name>" + LONG_NAME + "</name>")
                .replace("ccb825f4-b455-40c9-b886-da41fd809136", "0badbad0-b455-40c9-b886-da41fd809136")
                .replaceAll("52:54:00:([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})", "52:54:00:ee:ee:$3");
        Files.writeString(to.resolve("evil.xml"), evil);
        return to;
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

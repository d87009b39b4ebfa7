package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.Alert;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.model.TrustZone;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;
import org.virtguard.store.testdb.DatabaseTest;
import org.virtguard.store.testdb.TestDatabase;

/**
 * A backup restored into an empty store holds every row of every table (inventory, findings, alerts, users,
 * audit chain), the audit chain verifies, and new rows continue after the restored ones. Broken or hostile backup
 * files are refused with the file and line named, and leave the target empty.
 */
class StoreBackupTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final ResourceRef WEB02 = new ResourceRef(ObjectType.VM, "vm-1", "web01");
    private static final Endpoint ATTACKER = new Endpoint("203.0.113.7", null, "vm-9", "dev01", "libvirt:kvm-c",
            "kvm-c", new TrustZone("dev", 1, false), false);

    @TempDir
    Path temp;

    @DatabaseTest
    void aRestoredStoreHoldsEveryRowAndItsAuditChainVerifies(TestDatabase db) throws Exception {
        Path file = temp.resolve("virtguard.backup");
        Map<String, List<String>> before;
        try (Store store = db.open()) {
            seed(store);
            before = contents(store);
            StoreBackup.Summary summary = StoreBackup.backup(store, file);
            assertThat(summary.schema()).isEqualTo(SchemaModeTest.newestOnClassPath());
            assertThat(summary.rows()).isEqualTo(before.values().stream().mapToLong(List::size).sum());
        }
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        TestDatabase empty = db.another();
        StoreBackup.Summary restored = StoreBackup.restore(empty.config(), file, false);
        assertThat(restored.tables()).isEqualTo(before.size());

        try (Store store = Store.open(empty.config(), SchemaMode.VALIDATE)) {
            assertThat(contents(store)).isEqualTo(before);
            assertThat(store.inventory().vms()).extracting(v -> v.vm().name()).containsExactly("web01");
            assertThat(store.findings().open()).extracting(f -> f.finding().checkId())
                    .containsExactlyInAnyOrder("console", "svirt");
            assertThat(store.alerts().countByStatus().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(2);
            assertThat(store.security().users().list()).extracting(u -> u.username())
                    .containsExactlyInAnyOrder("alice", "bob");
            var chain = store.security().audit().verify();
            assertThat(chain.valid()).as(chain.problem()).isTrue();
            assertThat(chain.entriesChecked()).isEqualTo(3);

            store.security().audit().append(new AuditRecord("bob", "restore.check", "store", "success",
                    "127.0.0.1", "after restore"), T0.plusSeconds(600));
            store.alerts().record(alert("flow.portscan|203.0.113.9", T0.plusSeconds(700)), T0.plusSeconds(700));
            assertThat(store.security().audit().verify().valid()).isTrue();
            assertThat(store.security().audit().count()).isEqualTo(4);
        }
    }

    @Test
    void restoreRefusesAStoreThatIsNotEmptyAndForceKeepsTheOldFile() throws Exception {
        Path file = temp.resolve("b.backup");
        Path source = temp.resolve("source");
        try (Store store = Store.open(StoreConfig.embedded(source))) {
            seed(store);
            StoreBackup.backup(store, file);
        }
        Path target = temp.resolve("target");
        try (Store store = Store.open(StoreConfig.embedded(target))) {
            store.security().users().create("mallory", Role.ADMIN, "x", T0);
        }
        assertThatThrownBy(() -> StoreBackup.restore(StoreConfig.embedded(target), file, false))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.getMessage())
                        .contains("already holds a store", "--force"));
        try (Store store = Store.open(StoreConfig.embedded(target), SchemaMode.VALIDATE)) {
            assertThat(store.security().users().list()).extracting(u -> u.username()).containsExactly("mallory");
        }

        StoreBackup.restore(StoreConfig.embedded(target), file, true);

        try (Store store = Store.open(StoreConfig.embedded(target), SchemaMode.VALIDATE)) {
            assertThat(store.security().users().list()).extracting(u -> u.username())
                    .containsExactlyInAnyOrder("alice", "bob");
        }
        try (var files = Files.list(target)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("virtguard.mv.db.before-restore-"))
                    .noneMatch(n -> n.startsWith("restore-"));
        }
    }

    @Test
    void aTruncatedOrTamperedBackupIsRefusedAndLeavesTheTargetEmpty() throws Exception {
        Path file = temp.resolve("good.backup");
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("source")))) {
            seed(store);
            StoreBackup.backup(store, file);
        }
        List<String> lines = lines(file);

        assertRefused(write("truncated", lines.subList(0, lines.size() - 1)), "truncated");
        List<String> injected = new ArrayList<>(lines);
        int header = indexOfTable(injected, "app_user");
        injected.set(header, injected.get(header).replace("\"app_user\"", "\"app_user\\\"; DROP TABLE audit_entry; --\""));
        assertRefused(write("injected", injected), "invalid table or column name");
        List<String> future = new ArrayList<>(lines);
        future.set(0, future.get(0).replaceFirst("\"schema\":\"[0-9]+\"", "\"schema\":\"999\""));
        assertRefused(write("future", future), "the backup's schema is version 999, this virtguard knows up to");
        List<String> extraRow = new ArrayList<>(lines);
        extraRow.add(header + 1, extraRow.get(header + 1));
        assertRefused(write("duplicate", extraRow), "the database refused it");
        Path notGzip = Files.writeString(temp.resolve("plain.sql"), "CREATE ALIAS X AS $$ void x() {} $$;");
        assertRefused(notGzip, "is not a VirtGuard backup");
    }

    @Test
    void backupNeverOverwritesAFile() throws Exception {
        Path file = Files.writeString(temp.resolve("exists.backup"), "keep me");
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("source")))) {
            assertThatThrownBy(() -> StoreBackup.backup(store, file)).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.getMessage()).contains("already exists"));
        }
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    private void assertRefused(Path file, String message) {
        Path target = temp.resolve("target-" + file.getFileName());
        assertThatThrownBy(() -> StoreBackup.restore(StoreConfig.embedded(target), file, false))
                .as(file.getFileName().toString())
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isIn(ErrorCode.INVALID_INPUT, ErrorCode.SCHEMA_MISMATCH);
                    assertThat(e.getMessage()).contains(message).doesNotContain("\n");
                });
        assertThat(StoreFiles.exists(target)).as("nothing restored into " + target).isFalse();
    }

    private static int indexOfTable(List<String> lines, String table) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"table\":\"" + table + "\"")) {
                return i;
            }
        }
        throw new AssertionError("no table " + table);
    }

    private static List<String> lines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = temp.resolve(name + ".backup");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(file, bytes.toByteArray());
    }

    private static void seed(Store store) {
        store.inventory().applySync(List.of(Fixtures.snapshot("src", T0, List.of(Fixtures.host("src", "h1", "kvm01")),
                List.of(Fixtures.network("h1", "default")), List.of(Fixtures.vm("vm-1", "web01", "h1",
                        Fixtures.nic("vm-1", "52:54:00:00:00:01", "default"))))), List.of(), T0);
        store.findings().recordScan(List.of(fail("console", T0), fail("svirt", T0)), List.of("console", "svirt"), T0);
        store.alerts().record(alert("auth.bruteforce|203.0.113.7|esx01", T0), T0);
        store.alerts().record(alert("flow.portscan|203.0.113.7", T0.plusSeconds(5)), T0.plusSeconds(5));
        store.security().users().create("alice", Role.ADMIN, "$hash-a$", T0);
        store.security().users().create("bob", Role.OPERATOR, "$hash-b$", T0);
        for (int i = 1; i <= 3; i++) {
            store.security().audit().append(new AuditRecord("alice", "alert.acknowledge", "alert-" + i, "success",
                    "127.0.0.1", "note with 'quotes' and \"double\" and ünïcode " + i), T0.plusSeconds(i));
        }
    }

    private static Finding fail(String check, Instant at) {
        return new Finding(check, WEB02, CheckStatus.FAIL, Severity.HIGH, "title", "message",
                Map.of("listen", "0.0.0.0"), List.of("pci-dss-4.0:2.2.7"), at);
    }

    private static Alert alert(String key, Instant at) {
        return new Alert(key, key.substring(0, key.indexOf('|')), Severity.HIGH, "title " + key, ATTACKER, null, at,
                at, 1, Map.of("k", "v"), List.of("evidence line"));
    }

    /** Every table's rows as sorted text, so two stores compare by content. */
    private static Map<String, List<String>> contents(Store store) {
        Map<String, List<String>> tables = new java.util.TreeMap<>();
        store.jdbi().useHandle(h -> {
            List<String> names;
            try {
                names = StoreTables.inDependencyOrder(h.getConnection());
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            for (String table : names) {
                tables.put(table, h.createQuery("SELECT * FROM " + StoreTables.quote(table)).mapToMap().list()
                        .stream().map(row -> new java.util.TreeMap<>(row).toString()).sorted().toList());
            }
        });
        return tables;
    }
}

package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.store.SchemaMode;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;

/**
 * {@code virtguard db}: commands other than {@code db migrate} refuse an older or newer schema with one line naming
 * both versions, {@code db migrate} upgrades an old store and refuses a newer one, and a backup restores into an
 * empty embedded store (also from PostgreSQL) with its users and a verifying audit chain.
 */
class DbCommandTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "pg"})
    void readCommandsRefuseAnOldOrNewSchemaAndDbMigrateUpgradesAnOldOne(String kind) throws Exception {
        String known = newestMigration();
        try (StoreUnderTest db = StoreUnderTest.create(kind, temp)) {
            CliRun empty = db.run("inventory", "list", "vms");
            assertThat(empty.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(empty.err().strip()).doesNotContain("\n").contains("virtguard db migrate");
            assertThat(db.run("db", "status").exitCode()).isEqualTo(3);

            flyway(db.config(), ds -> Flyway.configure().dataSource(ds).locations("classpath:org/virtguard/store/migration")
                    .table("virtguard_schema_history").target("5").load().migrate());
            CliRun old = db.run("inventory", "list", "vms");
            assertThat(old.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(old.err().strip()).isEqualTo("virtguard: error: store schema is version 5, this virtguard needs "
                    + known + ": run `virtguard db migrate` [SCHEMA_MISMATCH]");

            CliRun migrate = db.run("db", "migrate");
            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            assertThat(migrate.out().strip()).isEqualTo("store schema upgraded from version 5 to " + known);
            assertThat(db.run("inventory", "list", "vms").exitCode()).isZero();
            assertThat(db.run("db", "status").out()).contains("schema: version " + known, "(up to date)");

            try (Store store = Store.open(db.config(), SchemaMode.VALIDATE)) {
                store.jdbi().useHandle(h -> h.execute("INSERT INTO virtguard_schema_history (installed_rank, version, "
                        + "description, type, script, checksum, installed_by, execution_time, success) VALUES "
                        + "(999, '999', 'from a newer virtguard', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)"));
            }
            String tooNew = "virtguard: error: store schema is version 999, this virtguard knows up to " + known
                    + ": upgrade virtguard [SCHEMA_MISMATCH]";
            for (String[] command : new String[][] {{"inventory", "list", "vms"}, {"db", "migrate"},
                    {"db", "backup", temp.resolve("b").toString()}}) {
                CliRun refused = db.run(command);
                assertThat(refused.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCodes.ERROR);
                assertThat(refused.err().strip()).as(String.join(" ", command)).isEqualTo(tooNew);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "pg"})
    void aBackupRestoresIntoAnEmptyEmbeddedStore(String kind) throws Exception {
        try (StoreUnderTest db = StoreUnderTest.create(kind, temp)) {
            try (Store store = Store.open(db.config())) {
                store.security().users().create("alice", Role.ADMIN, "$hash$", Instant.now());
                for (int i = 0; i < 4; i++) {
                    store.security().audit().append(new AuditRecord("alice", "user.login", "alice", "success",
                            "127.0.0.1", "n" + i), Instant.now());
                }
            }
            Path file = temp.resolve("virtguard-" + kind + ".backup");
            CliRun backup = db.run("db", "backup", file.toString());
            assertThat(backup.exitCode()).as(backup.toString()).isZero();
            assertThat(backup.out()).contains("backed up", "to " + file);

            Path restored = temp.resolve("restored");
            CliRun restore = CliRun.run(Map.of(), "--data-dir", restored.toString(), "db", "restore",
                    file.toString());
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(restore.out()).contains("audit chain verifies (4 entries)");
            try (Store store = Store.open(StoreConfig.embedded(restored), SchemaMode.VALIDATE)) {
                assertThat(store.security().users().find("alice")).isPresent();
            }

            CliRun again = CliRun.run(Map.of(), "--data-dir", restored.toString(), "db", "restore", file.toString());
            assertThat(again.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(again.err()).contains("already holds a store", "--force");
        }
    }

    private static void flyway(StoreConfig config, java.util.function.Consumer<HikariDataSource> work) {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(config.jdbcUrl());
            ds.setUsername(config.user());
            ds.setPassword(config.password());
            work.accept(ds);
        }
    }

    /** The newest migration this binary carries (the store module's tests check it against its files). */
    private String newestMigration() {
        return Store.schemaVersion(StoreConfig.embedded(temp.resolve("no-store-here"))).known();
    }
}

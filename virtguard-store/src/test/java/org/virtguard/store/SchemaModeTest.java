package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.testdb.DatabaseTest;
import org.virtguard.store.testdb.TestDatabase;

/**
 * Only {@link SchemaMode#MIGRATE} changes an existing schema; the other modes refuse a schema that is older or
 * newer than this binary's with one line naming both versions, and no mode runs on a schema newer than it knows.
 */
class SchemaModeTest {

    @DatabaseTest
    void aNewerSchemaIsRefusedByEveryModeNamingBothVersions(TestDatabase db) {
        db.open().close();
        String known = newestOnClassPath();
        try (Store store = Store.open(db.config())) {
            store.jdbi().useHandle(h -> h.execute("INSERT INTO virtguard_schema_history (installed_rank, version, "
                    + "description, type, script, checksum, installed_by, execution_time, success) VALUES "
                    + "(999, '999', 'from a newer virtguard', 'SQL', 'V999__future.sql', 0, 'test', 0, TRUE)"));
        }
        for (SchemaMode mode : SchemaMode.values()) {
            assertThatThrownBy(() -> Store.open(db.config(), mode)).as(mode.name())
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
                        assertThat(e.getMessage()).isEqualTo("store schema is version 999, this virtguard knows up to "
                                + known + ": upgrade virtguard");
                    });
        }
    }

    @DatabaseTest
    void anOlderSchemaIsRefusedUntilMigrateUpgradesIt(TestDatabase db) throws Exception {
        String known = newestOnClassPath();
        try (var pool = Pools.open(db.config())) {
            Migrations.migrateTo(pool, "5");
        }
        for (SchemaMode mode : List.of(SchemaMode.VALIDATE, SchemaMode.CREATE_OR_VALIDATE)) {
            assertThatThrownBy(() -> Store.open(db.config(), mode)).as(mode.name())
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
                        assertThat(e.getMessage()).isEqualTo("store schema is version 5, this virtguard needs "
                                + known + ": run `virtguard db migrate`");
                    });
        }
        try (Store store = Store.open(db.config(), SchemaMode.MIGRATE)) {
            assertThat(store.schema().changed()).isTrue();
            assertThat(store.schema().describe()).isEqualTo("store schema upgraded from version 5 to " + known);
        }
        try (Store store = Store.open(db.config(), SchemaMode.VALIDATE)) {
            assertThat(store.schema().changed()).isFalse();
            assertThat(store.schema().after().current()).isTrue();
        }
    }

    @DatabaseTest
    void validateRefusesAnEmptyStoreAndCreateOrValidateCreatesIt(TestDatabase db) {
        assertThatThrownBy(() -> Store.open(db.config(), SchemaMode.VALIDATE))
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
                    assertThat(e.getMessage()).doesNotContain("\n").containsAnyOf("is empty", "no store")
                            .contains("virtguard db migrate");
                });
        try (Store store = Store.open(db.config(), SchemaMode.CREATE_OR_VALIDATE)) {
            assertThat(store.schema().describe()).isEqualTo("store schema created at version " + newestOnClassPath());
        }
    }

    @Test
    void validateOnAMissingEmbeddedStoreCreatesNothing(@TempDir Path temp) {
        Path dir = temp.resolve("nothing-here");
        assertThatThrownBy(() -> Store.open(StoreConfig.embedded(dir), SchemaMode.VALIDATE))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("there is no store in " + dir.toAbsolutePath() + " yet: start `virtguard serve` or "
                                + "run `virtguard db migrate` first (or pass --data-dir)"));
        assertThat(dir).doesNotExist();
    }

    /** The newest migration version shipped, read from the class path (other work adds migrations). */
    static String newestOnClassPath() {
        try (var files = Files.list(Path.of(SchemaModeTest.class.getResource("/org/virtguard/store/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max(Comparator.naturalOrder()).orElseThrow().toString();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}

package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store holds password hashes and the audit log: only its owner may read it. */
class PrivateFilesTest {

    @TempDir
    Path temp;

    @Test
    void theEmbeddedStoreDirectoryAndItsFilesArePrivate() throws Exception {
        Path open = temp.resolve("data");
        Files.createDirectories(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (Store store = Store.open(StoreConfig.embedded(open))) {
            store.alerts().count(org.virtguard.store.alerts.AlertQuery.all());
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rwx------");
        Path db = open.resolve(StoreConfig.EMBEDDED_DB_NAME + ".mv.db");
        assertThat(db).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
    }

    @Test
    void aSharedDirectoryIsLeftAloneButTheFilesAreStillPrivate() throws Exception {
        Path shared = temp.resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        new ProcessBuilder("chmod", "+t", shared.toString()).start().waitFor();

        PrivateFiles.directory(shared);
        Files.writeString(shared.resolve("virtguard.mv.db"), "x");
        PrivateFiles.filesIn(shared);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("virtguard.mv.db"))))
                .isEqualTo("rw-------");
    }
}

package org.virtguard.store.disk;

import org.virtguard.connector.tck.SmallTmpfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.DiskSpace;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.StoreException;
import org.virtguard.store.StoreFailures;
import org.virtguard.store.security.AuditLog;
import org.virtguard.store.security.AuditRecord;

/**
 * The embedded store on a real 24 MiB filesystem that fills up: writes are refused with {@code STORE_DISK_FULL}
 * before H2 meets "no space left on device", reads go on, and writes resume by themselves when space is freed;
 * and when H2 did meet a full disk and closed its database, the store opens it again once space is back.
 */
class DiskFullStoreTest {

    private static final long RESERVE = 2L * 1024 * 1024;

    @TempDir
    Path temp;

    @Test
    void aFullDiskRefusesWritesKeepsReadsAndRecoversWithoutRestart() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(temp, 24);
             Store store = Store.open(StoreConfig.embedded(fs.dir().resolve("data")), DiskSpace.of(fs.dir(), RESERVE))) {
            AuditLog audit = store.security().audit();
            for (int i = 0; i < 20; i++) {
                audit.append(record(i), Instant.now());
            }
            checkpoint(store);
            fs.fill("filler");
            waitForCache();

            StoreException refused = assertThrows(StoreException.class, () -> audit.append(record(99), Instant.now()));
            assertEquals(ErrorCode.STORE_DISK_FULL, refused.code());
            assertTrue(StoreFailures.diskFull(refused));
            assertTrue(store.disk().refusedWrites() >= 1);

            assertEquals(20, audit.count(), "reads still work on a full disk");
            assertEquals(20, audit.list(0, 100).size());
            assertTrue(audit.verify().valid());
            assertTrue(store.ping(Duration.ofSeconds(1)));

            fs.free("filler");
            waitForCache();
            audit.append(record(21), Instant.now());
            assertEquals(21, audit.count());
            assertTrue(audit.verify().valid());
            assertEquals(0, store.reopens(), "the reserve kept H2 from ever meeting a full disk");
        }
    }

    @Test
    void theStoreOpensH2AgainAfterItClosedTheDatabaseOnAFullDisk() throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(temp, 24);
             Store store = Store.open(StoreConfig.embedded(fs.dir().resolve("data")), DiskSpace.of(fs.dir(), 0))) {
            AuditLog audit = store.security().audit();
            for (int i = 0; i < 10; i++) {
                audit.append(record(i), Instant.now());
            }
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE filler_rows (id INT PRIMARY KEY, body VARCHAR(10000))"));
            checkpoint(store);
            fs.fill("filler");
            String body = "x".repeat(8000);
            Throwable failure = null;
            for (int i = 0; i < 5_000 && failure == null; i++) {
                int id = i;
                try {
                    store.jdbi().useHandle(h -> h.execute("INSERT INTO filler_rows VALUES (?, ?)", id, body));
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure == null) {
                fail("H2 never met the full disk");
            }
            assertTrue(StoreFailures.diskFull(failure), "the failure names the full disk: " + failure);

            fs.free("filler");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!store.ping(Duration.ofSeconds(1))) {
                if (System.nanoTime() > deadline) {
                    fail("the store did not come back within 30 s after space was freed");
                }
                Thread.sleep(200);
            }
            assertEquals(10, audit.count(), "what was committed before the disk filled is still there");
            audit.append(record(11), Instant.now());
            assertEquals(11, audit.count());
            assertTrue(audit.verify().valid());
        }
    }

    /**
     * Makes H2 write what it holds in memory now, so that the disk fills after it (H2 writes commits in the
     * background; a disk filled before that write makes H2 close the database, which the second test covers).
     */
    private static void checkpoint(Store store) {
        store.jdbi().useHandle(h -> h.execute("CHECKPOINT"));
    }

    private static AuditRecord record(int i) {
        return new AuditRecord("tester", "test.write", "object-" + i, "success", "127.0.0.1", null);
    }

    private static void waitForCache() throws InterruptedException {
        Thread.sleep(400);
    }
}

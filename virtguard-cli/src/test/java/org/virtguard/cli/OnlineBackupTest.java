package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.SchemaMode;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.AuditEntry;

/**
 * {@code virtguard db backup --online} while {@code serve} runs on its embedded store (which H2 locks to the
 * service's process, so a direct backup from another process cannot open it): the service streams a consistent snapshot to an admin's
 * token, refuses an operator's, audits the backup, and the file restores into an empty store with the service's
 * users and a verifying audit chain.
 */
class OnlineBackupTest {

    @TempDir
    Path temp;

    @Test
    void aRunningServiceBacksUpItsEmbeddedStoreForAnAdminOnly() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        ConfiguredSource source = new ConfiguredSource(new SourceSpec("lab-c", "test://" + lab.resolve("host-c.xml"),
                Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("service"), List.of(source), null,
                "approval: {expiresAfter: 30m}\n", "30d")) {
            Path file = temp.resolve("online.vgbackup.gz");
            String[] common = {"--data-dir", temp.resolve("cli").toString(), "--server", h.baseUrl()};

            CliRun operator = CliRun.run(Map.of("VIRTGUARD_TOKEN", h.token("olga")),
                    args(common, "db", "backup", file.toString()));
            assertThat(operator.exitCode()).isNotZero();
            assertThat(file).doesNotExist();

            CliRun admin = CliRun.run(Map.of("VIRTGUARD_TOKEN", h.token("alice")),
                    args(common, "db", "backup", "--online", file.toString()));
            assertThat(admin.exitCode()).as(admin.toString()).isZero();
            assertThat(admin.out()).contains("backed up the running service's store to " + file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            CliRun again = CliRun.run(Map.of("VIRTGUARD_TOKEN", h.token("alice")),
                    args(common, "db", "backup", file.toString()));
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.err()).contains("already exists");

            assertThat(h.store.security().audit().list(0, 100)).extracting(AuditEntry::record)
                    .extracting(r -> r.actor().split(" ")[0] + " " + r.action() + " " + r.outcome())
                    .contains("alice store.backup success", "olga store.backup denied");

            Path restored = temp.resolve("restored");
            CliRun restore = CliRun.run(Map.of(), "--data-dir", restored.toString(), "db", "restore",
                    file.toString());
            assertThat(restore.exitCode()).as(restore.toString()).isZero();
            assertThat(restore.out()).contains("audit chain verifies");
            try (Store copy = Store.open(StoreConfig.embedded(restored), SchemaMode.VALIDATE)) {
                assertThat(copy.security().users().list()).extracting(u -> u.username())
                        .contains("alice", "bob", "olga");
                assertThat(copy.security().audit().verify().valid()).isTrue();
                assertThat(copy.inventory().vms()).hasSameSizeAs(h.store.inventory().vms()).isNotEmpty();
            }
        }
    }

    private static String[] args(String[] common, String... command) {
        String[] all = new String[command.length + common.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(common, 0, all, command.length, common.length);
        return all;
    }
}

package org.virtguard.cli.db;

import java.nio.file.Path;

import org.virtguard.cli.BaseCommand;
import org.virtguard.store.SchemaMode;
import org.virtguard.store.Store;
import org.virtguard.store.StoreBackup;
import org.virtguard.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard db restore FILE}: a backup into an empty store. */
@Command(name = "restore", description = "Restore a backup made by `virtguard db backup` into an empty store "
        + "(the embedded one, or an empty PostgreSQL schema). Stop virtguard serve first.")
public final class DbRestoreCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    Path file;

    @Option(names = "--force", description = "Replace an existing embedded store; its database file is kept next "
            + "to the restored one as virtguard.mv.db.before-restore-<time>.")
    boolean force;

    @Override
    public Integer call() {
        StoreConfig target = context().storeConfig();
        StoreBackup.Summary summary = StoreBackup.restore(target, file, force);
        out().printf("restored %d rows of %d tables (schema version %s) into %s%n", summary.rows(), summary.tables(),
                summary.schema(), target.redactedUrl());
        try (Store store = Store.open(target, SchemaMode.CREATE_OR_VALIDATE)) {
            var chain = store.security().audit().verify();
            out().println(chain.valid() ? "audit chain verifies (" + chain.entriesChecked() + " entries)"
                    : "WARNING: the restored audit chain does not verify: " + chain.problem());
        } catch (org.virtguard.store.StoreException e) {
            out().println(e.getMessage());
        }
        out().flush();
        return 0;
    }
}

package org.virtguard.cli.db;

import java.nio.file.Path;

import org.virtguard.cli.BaseCommand;
import org.virtguard.store.Store;
import org.virtguard.store.StoreBackup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code virtguard db backup FILE}: a consistent snapshot of the store. */
@Command(name = "backup", description = "Write a consistent snapshot of the store (every table, one transaction) "
        + "to a new FILE readable by you only. For a large PostgreSQL store prefer pg_dump -Fc.")
public final class DbBackupCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to create (must not exist).")
    Path file;

    @Override
    public Integer call() {
        StoreBackup.Summary summary;
        try (Store store = context().openStore()) {
            summary = StoreBackup.backup(store, file);
        }
        out().printf("backed up %d rows of %d tables (schema version %s) to %s%n", summary.rows(), summary.tables(),
                summary.schema(), file);
        out().flush();
        return 0;
    }
}

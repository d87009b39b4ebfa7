package org.virtguard.cli.db;

import java.nio.file.Files;
import java.nio.file.Path;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.remote.ApiClient;
import org.virtguard.cli.remote.ServerOptions;
import org.virtguard.cli.remote.ServiceUrl;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.Store;
import org.virtguard.store.StoreBackup;
import org.virtguard.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtguard db backup FILE}: a consistent snapshot of the store, read directly (the service stopped, or
 * PostgreSQL) or, with {@code --online}, streamed by the running service through its API as the owner of the admin
 * token in {@code VIRTGUARD_TOKEN} (the embedded store is locked by the service's process while it runs).
 */
@Command(name = "backup", description = "Write a consistent snapshot of the store (every table, one transaction) "
        + "to a new FILE readable by you only. --online asks the running service for it (needs an admin token in "
        + ApiClient.TOKEN_VARIABLE + "); without it the store is opened directly. For a large PostgreSQL store "
        + "prefer pg_dump -Fc.")
public final class DbBackupCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to create (must not exist).")
    Path file;

    @Option(names = "--online", description = "Take the snapshot through the running service's API (--server URL "
            + "or the configuration's http section) while it keeps running.")
    boolean online;

    @Mixin
    ServerOptions server = new ServerOptions();

    @Override
    public Integer call() {
        if (Files.exists(file)) {
            throw new CliException(ErrorCode.INVALID_INPUT, file + " already exists: a backup never overwrites a file",
                    ExitCodes.USAGE);
        }
        if (online || server.server != null) {
            ApiClient api = ApiClient.connect(ServiceUrl.of(server.server, context().config().http()), server.caFile,
                    context().environment());
            long bytes = api.download("/api/v1/backup", file);
            out().printf("backed up the running service's store to %s (%d bytes); restore with virtguard db "
                    + "restore %s%n", file, bytes, file);
            out().flush();
            return 0;
        }
        StoreBackup.Summary summary;
        try (Store store = context().openStore()) {
            summary = StoreBackup.backup(store, file);
        } catch (StoreException e) {
            if (e.code() == ErrorCode.STORE_UNAVAILABLE && !context().storeConfig().isPostgres()) {
                throw new CliException(ErrorCode.STORE_UNAVAILABLE, e.getMessage() + " (if virtguard serve is "
                        + "running on it, back up through the service: virtguard db backup --online " + file + ")");
            }
            throw e;
        }
        out().printf("backed up %d rows of %d tables (schema version %s) to %s%n", summary.rows(), summary.tables(),
                summary.schema(), file);
        out().flush();
        return 0;
    }
}

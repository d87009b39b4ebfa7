package org.virtguard.cli.db;

import picocli.CommandLine.Command;

/** {@code virtguard db}: the store's schema, backups and restores. */
@Command(name = "db", description = "The store: schema version and upgrade, backup and restore.",
        subcommands = {DbStatusCommand.class, DbMigrateCommand.class, DbBackupCommand.class, DbRestoreCommand.class})
public final class DbCommand {
}

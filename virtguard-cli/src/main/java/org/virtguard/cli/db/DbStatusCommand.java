package org.virtguard.cli.db;

import org.virtguard.cli.BaseCommand;
import org.virtguard.store.SchemaVersion;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;

/** {@code virtguard db status}: the store's schema version against this binary's; changes nothing. */
@Command(name = "status", description = "Show the store's schema version and the one this virtguard needs; "
        + "exit 0 when they match, 3 when they do not.")
public final class DbStatusCommand extends BaseCommand {

    @Override
    public Integer call() {
        SchemaVersion schema = Store.schemaVersion(context().storeConfig());
        out().println("store:  " + context().storeConfig().redactedUrl());
        out().println("schema: " + (schema.empty() ? "empty (no VirtGuard schema yet)" : "version " + schema.applied())
                + (schema.failed() ? " (a migration failed part-way)" : ""));
        out().println("needed: version " + schema.known()
                + (schema.current() ? " (up to date)" : schema.newer() ? " (store is newer: upgrade virtguard)"
                : " (run `virtguard db migrate`)"));
        out().flush();
        return schema.current() ? 0 : 3;
    }
}

package org.virtguard.cli.db;

import org.virtguard.cli.BaseCommand;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;

/** {@code virtguard db migrate}: create or upgrade the store's schema (the only command besides serve that does). */
@Command(name = "migrate", description = "Create the store's schema, or upgrade it to this virtguard's version. "
        + "Back the store up first. Refuses a schema newer than this virtguard knows.")
public final class DbMigrateCommand extends BaseCommand {

    @Override
    public Integer call() {
        try (Store store = Store.open(context().storeConfig())) {
            out().println(store.schema().describe());
        }
        out().flush();
        return 0;
    }
}

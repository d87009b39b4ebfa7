package org.virtguard.cli.inventory;

import java.time.Instant;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.TimeArgument;
import org.virtguard.cli.output.Json;
import org.virtguard.cli.output.OutputFormat;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.model.InventoryChange;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code virtguard inventory changes [--since TIME]}. */
@Command(name = "changes", description = "Show the change log: VMs created, removed or moved to another host, vNICs "
        + "moved to another network, power and setting changes, sources gone stale.")
public final class InventoryChangesCommand extends BaseCommand {

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only changes at or after TIME: 2026-11-22T10:00:00Z, 2026-11-22, or an age like 2h, 7d.")
    String since;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many changes (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        Instant from = since == null ? null : TimeArgument.parse(since, clock());
        List<InventoryChange> changes;
        try (Store store = context().openStore()) {
            changes = store.inventory().changes(from, limit);
        }
        switch (format) {
            case JSON -> {
                out().println(Json.mapper().writeValueAsString(changes));
                out().flush();
            }
            case CSV -> TableWriter.csv(InventoryTables.changes(changes, false), out());
            default -> {
                TableWriter.text(InventoryTables.changes(changes, true), out());
                out().printf("%d changes%n", changes.size());
                out().flush();
            }
        }
        return 0;
    }
}

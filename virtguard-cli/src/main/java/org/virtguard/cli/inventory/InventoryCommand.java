package org.virtguard.cli.inventory;

import picocli.CommandLine.Command;

/** {@code virtguard inventory}: collect and query what runs where. */
@Command(name = "inventory", description = "Collect and query the inventory of hosts, VMs, vNICs and networks.",
        subcommands = {InventorySyncCommand.class, InventoryListCommand.class, InventoryShowCommand.class,
                InventoryChangesCommand.class, InventoryWatchCommand.class, InventoryExportCommand.class})
public final class InventoryCommand {
}

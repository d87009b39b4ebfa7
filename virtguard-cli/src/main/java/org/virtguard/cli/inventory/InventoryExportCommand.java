package org.virtguard.cli.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.policy.ZonePolicyFile;
import org.virtguard.export.ExportFiles;
import org.virtguard.export.ExportFormat;
import org.virtguard.export.InventoryExport;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ZoneResolver;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code virtguard inventory export --format xlsx|csv --output FILE}: the RVTools-style export of every platform. */
@Command(name = "export", description = {
        "Export the stored inventory as RVTools-style tabs: vInfo (VMs), vNetwork (vNICs), vSwitch (networks and "
                + "port groups with their security policy), vSnapshot, vHost, vZone, vFinding (open findings by VM) "
                + "and vMetaData.",
        "xlsx: one workbook. csv: one CSV file per tab in the directory OUTPUT, or in a zip when OUTPUT ends in .zip."})
public final class InventoryExportCommand extends BaseCommand {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "xlsx",
            description = "xlsx or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", required = true,
            description = "The .xlsx file; for csv a directory, or a file ending in .zip.")
    Path output;

    @Option(names = "--zones", paramLabel = "FILE",
            description = "Zone policy for the zone columns (default: policy.zones of the configuration).")
    Path zonesFile;

    @Override
    public Integer call() {
        ExportFormat chosen;
        try {
            chosen = ExportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage(), ExitCodes.USAGE);
        }
        ZoneResolver zones = zones();
        try (Store store = context().openStore()) {
            Map<String, Integer> rows = ExportFiles.write(new InventoryExport(store, zones, clock()), chosen, output);
            out().println("wrote " + output + " (" + chosen.name().toLowerCase(java.util.Locale.ROOT) + "): "
                    + String.join(", ", rows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
            out().flush();
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, "cannot write " + output + ": " + e.getMessage());
        }
        return 0;
    }

    private ZoneResolver zones() {
        Path file = zonesFile;
        if (file == null && context().config().policy() != null && context().config().policy().zones() != null) {
            file = Path.of(context().config().policy().zones());
        }
        return file == null ? ZoneResolver.none() : ZonePolicyFile.load(file);
    }
}

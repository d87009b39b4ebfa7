package org.virtguard.cli.inventory;

import java.util.List;

import org.virtguard.service.config.Durations;
import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.DormantVmAlerts;
import org.virtguard.service.sync.InventorySyncService;
import org.virtguard.service.sync.SourceCollector;
import org.virtguard.service.sync.SourceResult;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.service.sync.SyncWarnings;
import org.virtguard.model.Alert;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard inventory sync}. */
@Command(name = "sync", description = "Collect every source and record what changed. A source that fails keeps "
        + "its previous data (marked stale); the others are synced. Exit 3 when some sources failed.")
public final class InventorySyncCommand extends BaseCommand {


    @Mixin
    SourceOptions sourceOptions = new SourceOptions();

    @Option(names = {"-v", "--verbose"}, description = "Print every collection warning.")
    boolean verbose;

    @Option(names = "--dormant-after", defaultValue = "30d", paramLabel = "AGE",
            description = "Alert when a VM powers on after being off longer than this (default: ${DEFAULT-VALUE}).")
    String dormantAfter;

    @Override
    public Integer call() {
        List<ConfiguredSource> sources = context().sources(sourceOptions.uris(), sourceOptions.credentials());
        if (sources.isEmpty()) {
            throw new CliException(ErrorCode.INVALID_CONFIG,
                    "no sources: give --source URI or a configuration file (--config) that lists sources",
                    ExitCodes.USAGE);
        }
        InventorySyncService service = new InventorySyncService(
                new SourceCollector(ConnectorRegistry.fromClassPath()), clock());
        SyncReport report;
        List<Alert> dormant;
        try (Store store = context().openStoreForWriting()) {
            report = service.sync(sources, store.inventory());
            dormant = new DormantVmAlerts(Durations.parse(dormantAfter), store.inventory(),
                    store.alerts(), clock()).process(report.outcome().changes());
        }
        print(report);
        for (Alert alert : dormant) {
            out().println("ALERT " + alert.severity() + ": " + alert.title());
        }
        out().flush();
        if (report.allFailed()) {
            return ExitCodes.ERROR;
        }
        return report.anyFailed() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private void print(SyncReport report) {
        Table table = new Table("source", "status", "hosts", "vms", "nics", "networks", "warnings");
        for (SourceResult result : report.results()) {
            InventorySnapshot s = result.snapshot();
            if (s == null) {
                table.row(result.sourceId(), "FAILED (" + result.error() + ")", "", "", "", "", "");
            } else {
                long nics = s.vms().stream().mapToLong(vm -> vm.nics().size()).sum();
                table.row(result.sourceId(), "ok", s.hosts().size(), s.vms().size(), nics, s.networks().size(),
                        s.warnings().size());
            }
        }
        TableWriter.text(table, out());
        SyncWarnings.print(report, err(), verbose, "");
        out().printf("%d changes recorded in %d ms; see 'virtguard inventory changes'%n",
                report.outcome().changes().size(), report.duration().toMillis());
        out().flush();
        err().flush();
    }
}

package org.virtguard.cli.policy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.virtguard.cli.inventory.SourceOptions;
import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.InventorySyncService;
import org.virtguard.service.sync.SourceCollector;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.service.sync.SyncWarnings;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Finding;
import org.virtguard.model.Severity;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.eval.PolicyException;
import org.virtguard.policy.eval.ScanResult;
import org.virtguard.policy.report.ReportFormat;
import org.virtguard.policy.report.Reports;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.Store;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredNetwork;
import org.virtguard.store.StoredVm;
import org.virtguard.store.findings.ScanRecord;
import org.virtguard.store.findings.StoredException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard scan}: sync (optionally), evaluate every check, report, remember the results. */
@Command(name = "scan", description = "Evaluate the hardening, zone and placement checks on the inventory "
        + "(synced first when --source is given) and report. Exit " + ScanCommand.FINDINGS_EXIT
        + " when findings at or above --fail-on exist.")
public final class ScanCommand extends BaseCommand {

    /** Exit code when findings at or above the --fail-on severity exist. */
    public static final int FINDINGS_EXIT = 4;

    private static final Set<CheckStatus> RECORDED = Set.of(CheckStatus.FAIL, CheckStatus.ERROR,
            CheckStatus.NOT_COLLECTED, CheckStatus.EXCEPTED);

    @Mixin
    PolicyInputs inputs = new PolicyInputs();

    @Mixin
    SourceOptions sourceOptions = new SourceOptions();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, sarif, junit, csv or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit " + FINDINGS_EXIT + " when a FAIL or ERROR at or above this severity exists.")
    String failOn;

    @Option(names = "--include-passed", description = "Also report PASS and NOT_APPLICABLE results.")
    boolean includePassed;

    @Option(names = {"-v", "--verbose"}, description = "Print every collection warning of the sync.")
    boolean verbose;

    @Option(names = "--no-history", description = "Do not record the results in the store.")
    boolean noHistory;

    @Override
    public Integer call() throws Exception {
        Severity threshold = null;
        if (failOn != null) {
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                throw new CliException(ErrorCode.INVALID_CONFIG, "--fail-on: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
        ReportFormat reportFormat = null;
        if (!format.equalsIgnoreCase("table")) {
            try {
                reportFormat = ReportFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new CliException(ErrorCode.INVALID_CONFIG, "--format: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
        CheckCatalog catalog = inputs.catalog();
        var zones = inputs.zonePolicy();
        List<PolicyException> exceptions = new ArrayList<>(inputs.exceptionList());
        ScanResult result;
        try (Store store = context().openStoreForWriting()) {
            if (!sourceOptions.uris().isEmpty()) {
                sync(store);
            }
            LocalDate today = LocalDate.ofInstant(clock().instant(), ZoneOffset.UTC);
            for (StoredException e : store.findings().activeExceptions(today)) {
                exceptions.add(new PolicyException(e.checkPattern(), e.resourcePattern(), e.justification(), e.owner(),
                        e.expires()));
            }
            Inventory inventory = inventory(store.inventory());
            Evaluator evaluator = new Evaluator(catalog.checks(), zones, exceptions, Map.of(), clock());
            result = evaluator.evaluate(inventory, includePassed ? s -> true
                    : s -> s != CheckStatus.PASS && s != CheckStatus.NOT_APPLICABLE);
            if (!noHistory) {
                List<Finding> recorded = result.findings().stream().filter(f -> RECORDED.contains(f.status())).toList();
                ScanRecord rec = store.findings().recordScan(recorded,
                        catalog.checks().stream().map(CompiledCheck::id).toList(), result.evaluatedAt());
                err().println("virtguard: findings: " + rec.created() + " new, " + rec.reopened() + " reopened, "
                        + rec.ongoing() + " still open, " + rec.resolved() + " resolved");
            }
        }
        report(result, reportFormat);
        if (threshold != null && result.failuresAtOrAbove(threshold) > 0) {
            return FINDINGS_EXIT;
        }
        return ExitCodes.OK;
    }

    private void sync(Store store) {
        List<ConfiguredSource> configured = context().sources(sourceOptions.uris(), sourceOptions.credentials());
        SyncReport report = new InventorySyncService(new SourceCollector(ConnectorRegistry.fromClassPath()), clock())
                .sync(configured, store.inventory());
        if (report.allFailed()) {
            throw new CliException(ErrorCode.SOURCE_UNREACHABLE, "every source failed to sync; nothing to scan",
                    ExitCodes.ERROR);
        }
        SyncWarnings.print(report, err(), verbose, " (its last stored data is scanned)");
    }

    static Inventory inventory(InventoryRepository repo) {
        return new Inventory(repo.hosts().stream().map(StoredHost::host).toList(),
                repo.vms().stream().map(StoredVm::vm).toList(),
                repo.networks().stream().map(StoredNetwork::network).toList());
    }

    private void report(ScanResult result, ReportFormat reportFormat) throws IOException {
        if (reportFormat == null) {
            if (output != null) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                    table(result, w);
                }
            } else {
                table(result, out());
            }
            return;
        }
        if (output != null) {
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                Reports.write(reportFormat, result, w);
            }
        } else {
            Reports.write(reportFormat, result, out());
        }
    }

    private static void table(ScanResult result, PrintWriter out) {
        Table table = new Table("status", "severity", "check", "resource", "message");
        for (Finding f : Reports.resultsFirst(result.findings())) {
            table.row(statusWords(f.status()), f.severity(), f.checkId(), resourceText(f), f.message());
        }
        TableWriter.text(table, out);
        List<String> notCollected = Reports.notCollectedLines(result.findings());
        if (!notCollected.isEmpty()) {
            out.println();
            out.println("Not collected (the checks could not tell; none counts as a pass):");
            notCollected.forEach(line -> out.println("  " + line));
        }
        StringBuilder summary = new StringBuilder("\n");
        for (CheckStatus s : List.of(CheckStatus.FAIL, CheckStatus.ERROR, CheckStatus.EXCEPTED, CheckStatus.PASS,
                CheckStatus.NOT_APPLICABLE, CheckStatus.NOT_COLLECTED)) {
            summary.append(result.total(s)).append(' ').append(statusWords(s)).append(", ");
        }
        out.println(summary.substring(0, summary.length() - 2));
        out.flush();
    }

    /** "VM web01", "vNIC web01/52:54:00:00:00:01", "host kvm1". */
    static String resourceText(Finding f) {
        String kind = switch (f.resource().type()) {
            case VM -> "VM";
            case NIC -> "vNIC";
            default -> f.resource().type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
        return kind + " " + (f.resource().name() == null ? f.resource().id() : f.resource().name());
    }

    static String statusWords(CheckStatus s) {
        return switch (s) {
            case FAIL -> "failed";
            case ERROR -> "could not evaluate";
            case EXCEPTED -> "accepted risk";
            case PASS -> "passed";
            case NOT_APPLICABLE -> "not applicable";
            case NOT_COLLECTED -> "not collected";
        };
    }
}

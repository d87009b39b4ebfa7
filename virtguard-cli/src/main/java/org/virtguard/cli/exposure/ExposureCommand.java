package org.virtguard.cli.exposure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.cli.output.Json;
import org.virtguard.cli.output.OutputFormat;
import org.virtguard.cli.output.Table;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.exposure.ExposureRanking;
import org.virtguard.exposure.ExposureScanner;
import org.virtguard.exposure.data.DataFreshness;
import org.virtguard.service.ServiceException;
import org.virtguard.service.config.Durations;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.exposure.ExposureDataException;
import org.virtguard.exposure.nvd.NvdDataSet;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.Finding;
import org.virtguard.model.Severity;
import org.virtguard.store.Store;
import org.virtguard.store.StoredHost;
import org.virtguard.store.StoredVm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code virtguard exposure}: hypervisor builds against advisories and CISA KEV; end-of-life guests. */
@Command(name = "exposure", subcommands = ExposureUpdateCommand.class, description = "Match the stored hosts' hypervisor builds against vendor advisories and "
        + "the CISA Known Exploited Vulnerabilities catalogue; flag end-of-life guests and outdated VMware Tools.")
public final class ExposureCommand extends BaseCommand {

    @Option(names = "--kev", paramLabel = "FILE",
            description = "CISA KEV catalogue (known_exploited_vulnerabilities.json or .csv). Without it, "
                    + "the KEV catalogue loaded with 'exposure update' applies, if any.")
    Path kevFile;

    @Option(names = "--advisories", paramLabel = "FILE", description = "Extra advisory files (repeatable).")
    List<Path> advisoryFiles = new ArrayList<>();

    @Option(names = "--nvd", paramLabel = "PATH", description = "NVD CVE data (API 2.0 records or responses, yearly "
            + "feeds, .json or .json.gz; a directory is read one level deep). Repeatable.")
    List<Path> nvdPaths = new ArrayList<>();

    @Option(names = "--builds", paramLabel = "FILE", description = "ESXi/vCenter build tables (virten.net "
            + "esxiReleases.json / vcenterReleases.json layout or a KB-style build list). Repeatable.")
    List<Path> buildTables = new ArrayList<>();

    @Option(names = "--all", description = "Also show passing and not-collected results.")
    boolean all;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, json or csv.")
    OutputFormat format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 4 when a FAIL at or above this severity exists (info, low, medium, high, critical).")
    String failOn;

    @Override
    public Integer call() throws Exception {
        ExposureScanner scanner;
        List<Finding> findings;
        try (Store store = context().openStore()) {
            try {
                scanner = ServiceWiring.exposure(kevFile, advisoryFiles, nvdPaths, buildTables, store, clock(),
                        this::note);
                NvdDataSet nvd = scanner.vulnerabilityData();
                if (!nvd.files().isEmpty()) {
                    note(String.format("%d NVD records read, %d skipped", nvd.records().size(), nvd.skipped()));
                }
            } catch (ServiceException e) {
                throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage(), ExitCodes.USAGE);
            } catch (ExposureDataException e) {
                throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage(), ExitCodes.USAGE);
            }
            findings = scanner.scan(store.inventory().hosts().stream().map(StoredHost::host).toList(),
                    store.inventory().vms().stream().map(StoredVm::vm).toList());
        }
        List<Finding> shown = findings.stream().filter(f -> all || f.status() == CheckStatus.FAIL)
                .sorted(ExposureRanking.MOST_URGENT_FIRST
                        .thenComparing(f -> f.resource().name(), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        print(shown);
        Duration maxAge = Durations.parse(context().config().exposure().maxDataAge());
        for (String warning : DataFreshness.warnings(scanner.data().dataSets(), maxAge, clock().instant())) {
            err().println("virtguard: warning: " + warning);
        }
        err().flush();
        if (kevFile == null && scanner.data().kev().isEmpty()) {
            err().println("virtguard: note: no --kev catalogue given; known-exploited status is not shown");
            err().flush();
        }
        Severity threshold = failOn == null ? null : Severity.parse(failOn);
        boolean failing = threshold != null && findings.stream()
                .anyMatch(f -> f.status() == CheckStatus.FAIL && f.severity().atLeast(threshold));
        return failing ? 4 : ExitCodes.OK;
    }

    private void note(String message) {
        err().println("virtguard: note: " + message);
    }

    private void print(List<Finding> findings) throws Exception {
        if (format == OutputFormat.JSON) {
            out().println(Json.mapper().writeValueAsString(findings));
            out().flush();
            return;
        }
        Table table = new Table("severity", "status", "resource", "check", "message");
        for (Finding f : findings) {
            table.row(f.severity(), f.status(), f.resource().name(), f.checkId(), f.message());
        }
        if (format == OutputFormat.CSV) {
            TableWriter.csv(table, out());
        } else {
            TableWriter.text(table, out());
            out().printf("%d findings%n", findings.size());
            out().flush();
        }
    }
}

package org.virtguard.cli.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.output.OutputFormat;
import org.virtguard.cli.output.TableWriter;
import org.virtguard.logs.LogAnalysis;
import org.virtguard.logs.LogAnalyzer;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code virtguard logs analyze FILE}: offline analysis of an authentication log. */
@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Analyze a log file offline and print the alerts it raises.")
public final class LogsAnalyzeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Syslog file (RFC 3164 or 5424 lines), or - for standard input.")
    String file;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--year", paramLabel = "YEAR",
            description = "Year of the first RFC 3164 line, which carries none (default: judged from the file's modification time). "
                    + "No line is ever dated in the future: such a line belongs to the year before.")
    Integer year;

    @Mixin
    DetectorOptions detector = new DetectorOptions();

    @Mixin
    AttributionOptions attribution = new AttributionOptions();

    @Override
    public Integer call() throws Exception {
        LogAnalyzer analyzer = new LogAnalyzer(detector.config(), attribution.resolver(context()));
        LogAnalysis result;
        try {
            if ("-".equals(file)) {
                result = analyzer.analyze(System.in, years(year != null ? year : clock().instant().atOffset(ZoneOffset.UTC).getYear()));
            } else {
                Path path = Path.of(file);
                if (!Files.isRegularFile(path)) {
                    throw new CliException(ErrorCode.NOT_FOUND, "log file " + path + " does not exist or is not a file");
                }
                int first = year != null ? year : LogAnalyzer.firstYearOf(path);
                result = analyzer.analyze(path, years(first));
            }
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_INPUT, e.getMessage());
        }
        switch (format) {
            case JSON -> AlertOutput.json(result.alerts(), result.counters(), out());
            case CSV -> TableWriter.csv(AlertOutput.table(result.alerts()), out());
            default -> {
                AlertOutput.print(result.alerts(), out());
                out().println();
                out().println(result.alerts().size() + " alerts");
                AlertOutput.counters(result.counters(), out());
            }
        }
        return 0;
    }

    private YearInference years(int first) {
        int thisYear = clock().instant().atOffset(ZoneOffset.UTC).getYear();
        if (first > thisYear) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "--year: " + first + " lies in the future (it is "
                    + thisYear + " now)", 2);
        }
        try {
            return YearInference.startingIn(first, ZoneOffset.UTC, clock());
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "--year: " + e.getMessage(), 2);
        }
    }
}

package org.virtguard.cli.config;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.service.ServiceException;
import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.FileChecks;
import org.virtguard.service.config.VirtGuardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code virtguard config validate FILE}: reads and checks the file as the service would before starting, without
 * connecting to or starting anything. Prints {@code FILE: valid} and a summary (exit 0), or every problem with its
 * line and column (exit 2).
 */
@Command(name = "validate", description = "Check a configuration file as the service would before it starts, "
        + "without connecting to or starting anything. Prints every problem with its line, column and key.")
public final class ConfigValidateCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file (virtguard.yaml).")
    Path file;

    @Option(names = "--no-file-checks",
            description = "Do not check that the files it names (zones, checks, key stores, secrets…) exist, e.g. "
                    + "when the file is prepared on another machine.")
    boolean noFileChecks;

    @Override
    public Integer call() {
        VirtGuardConfig config;
        try {
            config = new ConfigLoader().load(file, noFileChecks ? FileChecks.SKIP : FileChecks.CHECK);
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.INVALID_CONFIG) {
                throw e;
            }
            PrintWriter err = err();
            e.getMessage().lines().forEach(err::println);
            err.println(file + ": invalid");
            err.flush();
            return ExitCodes.USAGE;
        }
        PrintWriter out = out();
        out.println(file + ": valid");
        ConfigSummary.lines(config).forEach(line -> out.println("  " + line));
        out.flush();
        return ExitCodes.OK;
    }
}

package org.virtguard.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

import org.virtguard.cli.inventory.InventoryCommand;
import org.virtguard.spi.ConnectorException;
import org.virtguard.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The {@code virtguard} command. */
@Command(name = "virtguard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Security monitoring for virtualized server infrastructure.",
        subcommands = {InventoryCommand.class, org.virtguard.cli.demo.DemoCommand.class, org.virtguard.cli.serve.ServeCommand.class, org.virtguard.cli.exposure.ExposureCommand.class, org.virtguard.cli.logs.LogsCommand.class, org.virtguard.cli.flows.FlowsCommand.class, org.virtguard.cli.policy.ScanCommand.class, org.virtguard.cli.policy.ChecksCommand.class, org.virtguard.cli.respond.RespondCommand.class, org.virtguard.cli.config.ConfigCommand.class, org.virtguard.cli.db.DbCommand.class})
public final class VirtGuardCommand {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    private final Map<String, String> environment;
    private final Clock clock;
    private AppContext context;

    public VirtGuardCommand(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    AppContext context() {
        if (context == null) {
            context = new AppContext(global, environment);
        }
        return context;
    }

    Clock clock() {
        return clock;
    }

    /** Builds the command line with VirtGuard's error handling: one clear line, no stack trace. */
    public static CommandLine commandLine(Map<String, String> environment, Clock clock) {
        VirtGuardCommand root = new VirtGuardCommand(environment, clock);
        CommandLine cli = new CommandLine(root);
        addHelpOptions(cli);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr(), root));
        return cli;
    }

    /** Gives every subcommand {@code --help} and {@code --version}, as the root has. */
    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            addHelpOptions(sub);
        }
    }

    static int handle(Exception e, PrintWriter err, VirtGuardCommand root) {
        if (e instanceof CliException cli) {
            err.println("virtguard: error: " + cli.getMessage());
            return cli.exitCode();
        }
        if (e instanceof org.virtguard.service.ServiceException se) {
            err.println("virtguard: error: " + se.getMessage());
            return se.invalidConfiguration() ? ExitCodes.USAGE : ExitCodes.ERROR;
        }
        if (e instanceof ConnectorException ce) {
            err.println("virtguard: error: " + ce.getMessage() + " [" + ce.code() + "]");
            return ExitCodes.ERROR;
        }
        if (e instanceof StoreException se) {
            err.println("virtguard: error: " + se.getMessage() + " [" + se.code() + "]");
            return ExitCodes.ERROR;
        }
        err.println("virtguard: internal error: " + e + (root.global.debug ? "" : " (run with --debug for details)"));
        if (root.global.debug) {
            e.printStackTrace(err);
        }
        return ExitCodes.ERROR;
    }

    public static void main(String[] args) {
        int code = commandLine(System.getenv(), Clock.systemDefaultZone()).execute(args);
        System.exit(code);
    }
}

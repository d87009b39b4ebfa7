package org.virtguard.cli.logs;

import picocli.CommandLine.Command;

/** {@code virtguard logs}: management-plane authentication logs, live or from files. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Detect brute force, password spraying and account takeover in management-plane logs.",
        subcommands = {LogsAnalyzeCommand.class, LogsListenCommand.class})
public final class LogsCommand {
}

package org.virtguard.cli.config;

import picocli.CommandLine.Command;

/** {@code virtguard config}: the service's configuration file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check a virtguard.yaml or print an annotated example of one.",
        subcommands = {ConfigValidateCommand.class, ConfigExampleCommand.class})
public final class ConfigCommand {
}

package org.virtguard.cli.config;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.ExitCodes;
import org.virtguard.service.config.ConfigExample;
import picocli.CommandLine.Command;

/** {@code virtguard config example}: prints an annotated virtguard.yaml with every key. */
@Command(name = "example", description = "Print an annotated example virtguard.yaml covering every key; secrets "
        + "appear only as the environment variables or files that hold them.")
public final class ConfigExampleCommand extends BaseCommand {

    @Override
    public Integer call() {
        out().print(ConfigExample.text());
        out().flush();
        return ExitCodes.OK;
    }
}

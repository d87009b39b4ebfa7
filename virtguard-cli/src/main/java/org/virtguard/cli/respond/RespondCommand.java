package org.virtguard.cli.respond;

import picocli.CommandLine.Command;

/** {@code virtguard respond}: guarded response from the command line. */
@Command(name = "respond", description = "Guarded response: dry-run plans, requests, and a second admin's approval. "
        + "Identify yourself with an API token in " + ResponseCaller.TOKEN_VARIABLE + " (never on the command line).",
        subcommands = {RespondPlanCommand.class, RespondRequestCommand.class, RespondApproveCommand.class,
                RespondRejectCommand.class, RespondListCommand.class})
public final class RespondCommand {
}

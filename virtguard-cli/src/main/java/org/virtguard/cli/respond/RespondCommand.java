package org.virtguard.cli.respond;

import org.virtguard.cli.remote.ApiClient;
import picocli.CommandLine.Command;

/** {@code virtguard respond}: guarded response from the command line, through the running service's API. */
@Command(name = "respond", description = "Guarded response through the running service: dry-run plans, requests, "
        + "and a second admin's approval. Identify yourself with an API token in " + ApiClient.TOKEN_VARIABLE
        + " (never on the command line); the service is --server URL or the configuration's http listener.",
        subcommands = {RespondPlanCommand.class, RespondRequestCommand.class, RespondApproveCommand.class,
                RespondRejectCommand.class, RespondListCommand.class})
public final class RespondCommand {
}

package org.virtguard.cli.respond;

import picocli.CommandLine.Command;

/** {@code virtguard respond reject ID}: reject (admin) or withdraw (requester) a pending action. */
@Command(name = "reject", description = "Reject a pending action (admin), or withdraw your own request.")
public final class RespondRejectCommand extends DecisionCommand {

    @Override
    public Integer call() {
        print(api().post("/api/v1/responses/" + id + "/reject", body()));
        return 0;
    }
}

package org.virtguard.cli.respond;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard respond request}: plan and file an action for a second admin's approval. */
@Command(name = "request", description = "Plan an action and file it; a second admin must approve it before it "
        + "expires (the service's response policy sets the window).")
public final class RespondRequestCommand extends ResponseSession {

    @Mixin
    ActionOptions action = new ActionOptions();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the approver and the audit log.")
    String reason;

    @Override
    public Integer call() {
        print(api().post("/api/v1/responses", action.body(reason)));
        return 0;
    }
}

package org.virtguard.cli.respond;

import org.virtguard.store.security.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard respond request}: plan and file an action for a second admin's approval. */
@Command(name = "request", description = "Plan an action and file it; a second admin must approve it before it "
        + "expires.")
public final class RespondRequestCommand extends ResponseSession {

    @Mixin
    ActionOptions action = new ActionOptions();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the approver and the audit log.")
    String reason;

    @Override
    public Integer call() throws Exception {
        return withService((store, service) -> {
            print(service.request(action.spec(reason), ResponseCaller.identify(store, context().environment(),
                    Role.OPERATOR, clock())));
            return 0;
        });
    }
}

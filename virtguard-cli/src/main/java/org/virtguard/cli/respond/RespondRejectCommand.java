package org.virtguard.cli.respond;

import org.virtguard.store.security.Role;
import picocli.CommandLine.Command;

/** {@code virtguard respond reject ID}: reject (admin) or withdraw (requester) a pending action. */
@Command(name = "reject", description = "Reject a pending action (admin), or withdraw your own request.")
public final class RespondRejectCommand extends DecisionCommand {

    @Override
    public Integer call() throws Exception {
        return withService((store, service) -> {
            print(service.reject(id, ResponseCaller.identify(store, context().environment(), Role.OPERATOR, clock()),
                    note));
            return 0;
        });
    }
}

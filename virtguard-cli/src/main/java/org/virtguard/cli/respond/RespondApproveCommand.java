package org.virtguard.cli.respond;

import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.StoredAction;
import org.virtguard.store.security.Role;
import picocli.CommandLine.Command;

/** {@code virtguard respond approve ID}: the second admin's approval, which carries the action out. */
@Command(name = "approve", description = "Approve a pending action and carry it out (admins other than the "
        + "requester only).")
public final class RespondApproveCommand extends DecisionCommand {

    @Override
    public Integer call() throws Exception {
        return withService((store, service) -> {
            StoredAction done = service.approve(id, ResponseCaller.identify(store, context().environment(),
                    Role.ADMIN, clock()), note);
            print(done);
            return done.status() == ActionStatus.EXECUTED ? 0 : 3;
        });
    }
}

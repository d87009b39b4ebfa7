package org.virtguard.cli.respond;

import org.virtguard.response.PlannedAction;
import org.virtguard.store.security.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code virtguard respond plan}: the dry run. */
@Command(name = "plan", description = "Show what an action would do, asking the VM's hypervisor; changes nothing.")
public final class RespondPlanCommand extends ResponseSession {

    @Mixin
    ActionOptions action = new ActionOptions();

    @Override
    public Integer call() throws Exception {
        return withService((store, service) -> {
            PlannedAction planned = service.plan(action.spec(null), ResponseCaller.identify(store,
                    context().environment(), Role.OPERATOR, clock()));
            out().printf("Dry run: %s %s on %s%s%n", planned.action().kind(), planned.vm().vm().name(),
                    planned.vm().sourceId(), planned.action().destructive() ? " (destructive)" : "");
            planned.steps().forEach(step -> out().println("  " + step));
            out().flush();
            return 0;
        });
    }
}

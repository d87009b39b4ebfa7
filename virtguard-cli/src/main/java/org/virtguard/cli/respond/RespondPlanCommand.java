package org.virtguard.cli.respond;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code virtguard respond plan}: the dry run. */
@Command(name = "plan", description = "Show what an action would do, asking the VM's hypervisor; changes nothing.")
public final class RespondPlanCommand extends ResponseSession {

    @Mixin
    ActionOptions action = new ActionOptions();

    @Override
    public Integer call() {
        JsonNode planned = api().post("/api/v1/responses/plan", action.body(null));
        out().printf("Dry run: %s %s on %s%s%n", planned.path("action").asText(), planned.path("vm").asText(),
                planned.path("source").asText(), planned.path("destructive").asBoolean() ? " (destructive)" : "");
        planned.path("plan").forEach(step -> out().println("  " + step.asText()));
        out().flush();
        return 0;
    }
}

package org.virtguard.cli.respond;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code virtguard respond approve ID}: the second admin's approval, which carries the action out. */
@Command(name = "approve", description = "Approve a pending action and carry it out (admins other than the "
        + "requester only).")
public final class RespondApproveCommand extends DecisionCommand {

    @Override
    public Integer call() {
        JsonNode done = api().post("/api/v1/responses/" + id + "/approve", body());
        print(done);
        return "executed".equals(done.path("status").asText()) ? 0 : 3;
    }
}

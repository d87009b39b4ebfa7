package org.virtguard.cli.respond;

import com.fasterxml.jackson.databind.JsonNode;
import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.remote.ApiClient;
import org.virtguard.cli.remote.ServerOptions;
import org.virtguard.cli.remote.ServiceUrl;
import picocli.CommandLine.Mixin;

/**
 * Plumbing of the {@code respond} commands: they call the running service's API as the owner of the token in
 * {@code VIRTGUARD_TOKEN}, so the service's response policy (approval window, defaults), its two-person rule and its
 * audit log apply, and the command needs neither database nor hypervisor credentials.
 */
abstract class ResponseSession extends BaseCommand {

    @Mixin
    ServerOptions server = new ServerOptions();

    protected ApiClient api() {
        return ApiClient.connect(ServiceUrl.of(server.server, context().config().http()), server.caFile,
                context().environment());
    }

    /** Prints one response action as the API shows it. */
    protected void print(JsonNode a) {
        out().printf("#%d %s %s: %s (requested by %s, %s)%n", a.path("id").asLong(), a.path("action").asText(),
                a.path("vm").asText(), a.path("status").asText(), a.path("requestedBy").asText(),
                a.path("decidedBy").isTextual() ? "decided by " + a.path("decidedBy").asText()
                        : "expires " + a.path("expiresAt").asText());
        a.path("plan").forEach(step -> out().println("  plan: " + step.asText()));
        a.path("outcome").forEach(step -> out().println("  done: " + step.asText()));
        out().flush();
    }
}

package org.virtguard.cli.respond;

import java.nio.file.Path;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.service.runtime.GuardWiring;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.model.ErrorCode;
import org.virtguard.response.ResponseException;
import org.virtguard.response.ResponseService;
import org.virtguard.store.Store;
import org.virtguard.store.response.StoredAction;
import picocli.CommandLine.Option;

/** Plumbing of the {@code respond} commands: store, connections to the configured sources, the service. */
abstract class ResponseSession extends BaseCommand {

    @Option(names = "--response-policy", paramLabel = "FILE",
            description = "Response policy (quarantine network, clean snapshot, golden templates, approval window).")
    Path responsePolicy;

    /** Work done with an open response service. */
    interface Work {
        int run(Store store, ResponseService service) throws Exception;
    }

    protected int withService(Work work) throws Exception {
        List<ConfiguredSource> sources = context().sources(List.of(), null);
        try (Store store = context().openStore();
             ConnectorPool pool = new ConnectorPool(ConnectorRegistry.fromClassPath())) {
            ResponseService service = GuardWiring.response(store, GuardWiring.responsePolicy(responsePolicy), sources,
                    pool, clock(), message -> err().println("virtguard: " + message));
            try {
                return work.run(store, service);
            } catch (ResponseException e) {
                throw new CliException(switch (e.reason()) {
                    case NOT_FOUND -> ErrorCode.NOT_FOUND;
                    case INVALID -> ErrorCode.INVALID_INPUT;
                    case FORBIDDEN -> ErrorCode.PERMISSION_DENIED;
                    case CONFLICT, UNAVAILABLE -> ErrorCode.ACTION_FAILED;
                }, e.getMessage(), ExitCodes.USAGE);
            }
        }
    }

    protected void print(StoredAction a) {
        out().printf("#%d %s %s: %s (requested by %s, %s)%n", a.id(), a.request().kind(), a.request().vmName(),
                a.status().name().toLowerCase(), a.request().requestedBy(),
                a.decidedBy() == null ? "expires " + a.request().expiresAt() : "decided by " + a.decidedBy());
        a.request().plan().forEach(step -> out().println("  plan: " + step));
        a.outcome().forEach(step -> out().println("  done: " + step));
        out().flush();
    }
}

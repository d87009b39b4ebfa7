package org.virtguard.cli.serve;

import org.virtguard.service.runtime.*;
import org.virtguard.service.ServiceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.service.config.Durations;
import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.service.sync.ConnectorPool;
import org.virtguard.service.sync.ConnectorRegistry;
import org.virtguard.service.sync.SyncReport;
import org.virtguard.model.ErrorCode;
import org.virtguard.server.ServerContext;
import org.virtguard.server.ServerSettings;
import org.virtguard.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code virtguard serve --config virtguard.yaml}: the continuous monitoring service with its REST API and
 * web console.
 */
@Command(name = "serve", description = "Run the monitoring service: keep the inventory current from live events "
        + "and scheduled re-syncs, and serve the authenticated REST API (/api/v1) and web console.")
public final class ServeCommand extends BaseCommand {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Option(names = "--checks-dir", paramLabel = "DIR",
            description = "Directory of additional check YAML files (repeatable); the built-in checks always run.")
    List<Path> checkDirs = new ArrayList<>();

    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(30);

    @Option(names = "--zones", paramLabel = "FILE", description = "Zone policy (zones, classifications, host trust).")
    Path zones;

    @Option(names = "--response-policy", paramLabel = "FILE",
            description = "Response policy: quarantine network, clean snapshot, golden templates, approval window and "
                    + "which alerts trigger which action (default: alert-only; actions only on request, with a "
                    + "second admin's approval).")
    Path responsePolicy;

    @Option(names = "--kev", paramLabel = "FILE",
            description = "CISA KEV catalogue (JSON or CSV) for the exposure findings: which CVEs are known exploited.")
    Path kevFile;

    @Option(names = "--advisories", paramLabel = "FILE", description = "Extra advisory files (repeatable).")
    List<Path> advisoryFiles = new ArrayList<>();

    @Option(names = "--dormant-after", defaultValue = "30d", paramLabel = "AGE",
            description = "A VM powering on after being off longer than this raises a dormant-VM alert (default 30d).")
    String dormantAfter;

    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "POST every new or updated alert as JSON to this URL, HMAC-SHA256 signed with the secret in "
                    + WebhookDelivery.SECRET_VARIABLE + "; spooled on disk until delivered.")
    java.net.URI webhookUrl;

    @Option(names = "--syslog-target", paramLabel = "udp://HOST:PORT|tcp://HOST:PORT",
            description = "Send every new or updated alert and every new or resolved failing finding to this syslog "
                    + "collector (TCP with octet-counting framing); spooled on disk until delivered.")
    String syslogTarget;

    @Option(names = "--syslog-format", defaultValue = "rfc5424", paramLabel = "rfc5424|cef",
            description = "Syslog message format: RFC 5424 with the alert or finding event as JSON, or ArcSight CEF "
                    + "(default: ${DEFAULT-VALUE}).")
    String syslogFormat;

    @Override
    public Integer call() throws Exception {
        List<ConfiguredSource> sources = context().sources(List.of(), null);
        if (sources.isEmpty()) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "no sources configured: add them under 'sources:' in "
                    + "the configuration file (--config)", ExitCodes.USAGE);
        }
        Duration resync = Durations.parse(options.resync);
        Durations.parse(dormantAfter);
        org.virtguard.response.ResponsePolicy responses = GuardWiring.responsePolicy(responsePolicy);
        Duration duration = options.duration == null ? null : Durations.parse(options.duration);
        ServerSettings settings = options.settings(environment());
        try (Store store = context().openStore();
             ConnectorPool pool = new ConnectorPool(ConnectorRegistry.fromClassPath())) {
            try (PolicyEngineView policy = ServiceWiring.policyEngine(store, clock(), checkDirs, zones, this::log)
                    .withExposure(ServiceWiring.exposure(kevFile, advisoryFiles, clock()))) {
                org.virtguard.response.ResponseService response = GuardWiring.response(store, responses, sources,
                        pool, clock(), this::log);
                ServerContext server = ServiceWiring.context(store, clock(), policy, policy.zoneResolver())
                        .withResponse(response);
                org.virtguard.service.sync.LifecycleGuards guards = GuardWiring.guards(store, dormantAfter, policy,
                        response, clock(), this::log);
                ServiceWiring.bootstrapAdmin(server, environment(), out());
                try (WebhookDelivery delivery = webhookUrl == null ? null : WebhookDelivery.start(webhookUrl,
                        environment(), context().dataDir(), store, policy, clock(), this::log);
                     WebhookDelivery syslog = syslogTarget == null ? null : WebhookDelivery.syslog(syslogTarget,
                             syslogFormat, context().dataDir(), store, policy, clock(), this::log);
                     ResponseExpiry expiry = new ResponseExpiry(response, EXPIRY_CHECK, this::log)) {
                    run(sources, store, pool, server, changes -> {
                        policy.evaluateSoon();
                        guards.process(changes);
                    }, settings, resync, duration);
                }
            }
        }
        return ExitCodes.OK;
    }

    private void run(List<ConfiguredSource> sources, Store store, ConnectorPool pool, ServerContext server,
                     java.util.function.Consumer<List<org.virtguard.model.InventoryChange>> onChanges,
                     ServerSettings settings, Duration resync, Duration duration) throws InterruptedException {
        try (MonitoringService service = new MonitoringService(sources, store, server, pool, onChanges, this::log)) {
            SyncReport first = service.start(settings, resync);
            out().printf("VirtGuard is serving %s: %d sources (%d failed), %d hosts, %d VMs%n",
                    service.server().baseUrl(), first.results().size(),
                    first.results().stream().filter(r -> !r.succeeded()).count(),
                    store.inventory().hosts().size(), store.inventory().vms().size());
            out().flush();
            MonitoringService.awaitStop(duration);
        }
    }

    private java.util.Map<String, String> environment() {
        return context().environment();
    }

    private synchronized void log(String message) {
        err().println("virtguard: " + message);
        err().flush();
    }
}

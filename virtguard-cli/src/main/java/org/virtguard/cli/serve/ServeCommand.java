package org.virtguard.cli.serve;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.ExitCodes;
import org.virtguard.service.ServiceSetup;
import org.virtguard.service.VirtGuardService;
import org.virtguard.service.config.DeliveryConfig;
import org.virtguard.service.config.Durations;
import org.virtguard.service.config.ExposureConfig;
import org.virtguard.service.config.LifecycleConfig;
import org.virtguard.service.config.PolicyConfig;
import org.virtguard.service.config.ResponseConfig;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.logging.LogSettings;
import org.virtguard.service.logging.VirtGuardLogging;
import org.virtguard.service.runtime.MonitoringService;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.service.sync.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code virtguard serve --config virtguard.yaml}: the VirtGuard service with its REST API and web console. The
 * configuration file sets everything; options override single settings.
 */
@Command(name = "serve", description = "Run the VirtGuard service from its configuration file (--config): inventory "
        + "from live events and scheduled re-syncs, policy and exposure findings, flow and syslog intake with their "
        + "detectors, alerts to webhooks and syslog, guarded response, and the authenticated REST API (/api/v1) and "
        + "web console. Options override the file.")
public final class ServeCommand extends BaseCommand {

    private static final org.slf4j.Logger SERVICE_LOG = org.slf4j.LoggerFactory.getLogger("org.virtguard.service");

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Option(names = "--checks-dir", paramLabel = "DIR",
            description = "Directory of additional check YAML files (repeatable; adds to policy.checksDirs).")
    List<Path> checkDirs = new ArrayList<>();

    @Option(names = "--zones", paramLabel = "FILE", description = "Zone policy (overrides policy.zones).")
    Path zones;

    @Option(names = "--response-policy", paramLabel = "FILE", description = "Response policy (overrides "
            + "response.policy; default alert-only: actions only on request, with a second admin's approval).")
    Path responsePolicy;

    @Option(names = "--kev", paramLabel = "FILE", description = "CISA KEV catalogue, JSON or CSV (overrides exposure.kev).")
    Path kevFile;

    @Option(names = "--advisories", paramLabel = "FILE", description = "Extra advisory files (repeatable; adds to "
            + "exposure.advisories).")
    List<Path> advisoryFiles = new ArrayList<>();

    @Option(names = "--dormant-after", paramLabel = "AGE", description = "A VM powering on after being off longer than "
            + "this raises a dormant-VM alert (overrides lifecycle.dormantAfter; default 30d).")
    String dormantAfter;

    @Option(names = "--webhook-url", paramLabel = "URL", description = "Also POST alerts to this URL, HMAC-signed with "
            + "the secret in " + org.virtguard.service.runtime.WebhookDelivery.SECRET_VARIABLE
            + " (adds to delivery.webhooks).")
    URI webhookUrl;

    @Option(names = "--syslog-target", paramLabel = "udp://HOST:PORT|tcp://HOST:PORT",
            description = "Also send alerts and finding events to this syslog collector (adds to delivery.syslog).")
    String syslogTarget;

    @Option(names = "--syslog-format", defaultValue = "rfc5424", paramLabel = "rfc5424|cef",
            description = "Format for --syslog-target (default: ${DEFAULT-VALUE}).")
    String syslogFormat;

    @Override
    public Integer call() throws Exception {
        VirtGuardConfig config = withOptions(context().config());
        VirtGuardLogging.configure(LogSettings.of(config.logging()));
        Duration duration = options.duration == null ? null : Durations.parse(options.duration);
        ServiceSetup setup = new ServiceSetup(config, context().dataDir(), context().storeConfig(),
                context().sources(List.of(), null), context().environment(), clock(), this::log, changes -> { });
        try (VirtGuardService service = VirtGuardService.start(setup)) {
            if (!service.started().isDone()) {
                out().printf("VirtGuard is answering on %s and waiting for its store (see /ready)%n",
                        service.baseUrl());
                out().flush();
                try {
                    service.started().join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
            ServiceWiring.printGeneratedAdmin(service.generatedAdminPassword(), out());
            SyncReport first = service.firstSync();
            out().printf("VirtGuard is serving %s: %d sources (%d failed), %d hosts, %d VMs%n", service.baseUrl(),
                    first.results().size(), first.results().stream().filter(r -> !r.succeeded()).count(),
                    service.store().inventory().hosts().size(), service.store().inventory().vms().size());
            service.intake().ifPresent(intake -> {
                if (intake.flowsRunning()) {
                    out().printf("Flow intake: udp %s%n", intake.flowPorts());
                }
                if (intake.syslogRunning()) {
                    out().printf("Syslog intake: udp %d, tcp %d%n", intake.syslogUdpPort(), intake.syslogTcpPort());
                }
            });
            out().flush();
            MonitoringService.awaitStop(duration);
        }
        return ExitCodes.OK;
    }

    private VirtGuardConfig withOptions(VirtGuardConfig c) {
        List<String> checks = new ArrayList<>(c.policy().checksDirs());
        checkDirs.forEach(d -> checks.add(d.toString()));
        PolicyConfig policy = new PolicyConfig(zones != null ? zones.toString() : c.policy().zones(), checks,
                c.policy().exceptions());
        List<String> advisories = new ArrayList<>(c.exposure().advisories());
        advisoryFiles.forEach(a -> advisories.add(a.toString()));
        ExposureConfig exposure = new ExposureConfig(kevFile != null ? kevFile.toString() : c.exposure().kev(),
                advisories, c.exposure().nvd(), c.exposure().builds(), c.exposure().maxDataAge());
        ResponseConfig response = responsePolicy != null ? new ResponseConfig(responsePolicy.toString())
                : c.response();
        LifecycleConfig lifecycle = new LifecycleConfig(options.resync != null ? options.resync
                : c.lifecycle().resync(), dormantAfter != null ? dormantAfter : c.lifecycle().dormantAfter());
        List<DeliveryConfig.WebhookTarget> webhooks = new ArrayList<>(c.delivery().webhooks());
        if (webhookUrl != null) {
            webhooks.add(new DeliveryConfig.WebhookTarget(webhooks.isEmpty() ? null : "webhook-cli",
                    webhookUrl.toString(), org.virtguard.service.runtime.WebhookDelivery.SECRET_VARIABLE, null));
        }
        List<DeliveryConfig.SyslogTarget> syslog = new ArrayList<>(c.delivery().syslog());
        if (syslogTarget != null) {
            syslog.add(new DeliveryConfig.SyslogTarget(syslog.isEmpty() ? null : "syslog-cli", syslogTarget,
                    syslogFormat));
        }
        return new VirtGuardConfig(c.dataDir(), c.store(), options.http(c.http()), c.sources(), policy, exposure,
                response, lifecycle, c.intake(), c.detectors(), new DeliveryConfig(webhooks, syslog), c.retention(),
                c.audit(), c.logging(), c.disk());
    }

    /** The service's operational messages, through the configured log. */
    private void log(String message) {
        SERVICE_LOG.info(message);
    }
}

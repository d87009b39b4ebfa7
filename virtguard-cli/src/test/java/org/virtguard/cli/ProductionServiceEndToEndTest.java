package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.virtguard.cli.e2e.Eventually.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.virtguard.cli.e2e.ConsoleAlertsPage;
import org.virtguard.cli.e2e.PcapReplayCopy;
import org.virtguard.connector.tck.PostgresControl;
import org.virtguard.cli.e2e.PostgresSchema;
import org.virtguard.cli.e2e.ServeInBackground;
import org.virtguard.cli.e2e.ServiceClient;
import org.virtguard.cli.e2e.ServiceConfigFile;
import org.virtguard.cli.e2e.SoftflowdExport;
import org.virtguard.cli.e2e.SynCapture;
import org.virtguard.cli.e2e.SyslogLogger;
import org.virtguard.cli.e2e.SyslogLogger.Transport;
import org.virtguard.cli.e2e.SyslogReceiver;
import org.virtguard.cli.e2e.WebhookReceiver;
import org.virtguard.connector.libvirt.LibvirtConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.service.ServiceSetup;
import org.virtguard.service.VirtGuardService;
import org.virtguard.service.sync.ConfiguredSource;

/**
 * The production service end to end, in strict CI mode: one {@code virtguard.yaml} (PostgreSQL store, two libvirt
 * test-driver hosts of the lab, the lab's zone policy, flow and syslog intake, a webhook and two syslog targets)
 * served by {@code virtguard serve --config FILE}; real exporters and senders (softflowd replaying the SYN-scan
 * capture as NetFlow v9 and IPFIX and a forbidden DMZ-to-internal connection, util-linux logger sending sshd
 * failures over UDP and TCP) raise port-scan, segmentation and brute-force alerts, and each one is found in the
 * store (API), on the console's alerts page in headless Chromium, at the webhook with a valid signature, at both
 * syslog collectors and in {@code /metrics}. A second run stops PostgreSQL for 20 s under the running service and
 * checks that it stays up, reports the store down and then up on {@code /ready}, and loses none of the inventory
 * changes and alerts of the outage.
 */
class ProductionServiceEndToEndTest {

    private static final String SCANNER = "172.16.0.8";
    /** The scanner of the IPFIX replay: the same capture with 172.16.0.8 replaced, a second actor. */
    private static final String SECOND_SCANNER = "172.16.0.9";
    private static final String ATTACKER_UDP = "203.0.113.9";
    private static final String ATTACKER_TCP = "203.0.113.10";
    private static final String ATTACKER_DURING_OUTAGE = "203.0.113.77";
    private static final String DMZ_WEB = "172.20.20.50";
    private static final String INTERNAL_DB = "192.168.122.50";
    private static final int FORBIDDEN_PORT = 3306;
    private static final String WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
    private static final String ADMIN_PASSWORD = "e2e-kestrel-lantern-4711";
    private static final String OUTAGE_VM = "jump01";
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void alertsFromRealExportersReachTheStoreTheConsoleTheWebhookSyslogAndMetrics() throws Exception {
        Path capture = requireEverything();
        try (PostgresSchema schema = PostgresSchema.create(); WebhookReceiver webhook = new WebhookReceiver(
                WEBHOOK_SECRET); SyslogReceiver siem = new SyslogReceiver()) {
            Path config = ServiceConfigFile.write(temp, LabCopy.into(temp.resolve("lab")),
                    TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"), schema, webhook.url(), siem);
            Map<String, String> environment = Map.of(ServiceConfigFile.STORE_PASSWORD_VARIABLE, schema.password(),
                    ServiceConfigFile.WEBHOOK_SECRET_VARIABLE, WEBHOOK_SECRET);
            try (ServeInBackground serve = ServeInBackground.start(environment,
                    List.of("serve", "--config", config.toString(), "--duration", "10m"), Duration.ofSeconds(60))) {
                ServiceClient api = ServiceClient.login(serve.baseUrl(), "admin", serve.adminPassword());

                // NetFlow v9 from the capture's scanner, then IPFIX from a second scanner (the same capture with
                // its address replaced, since the detector raises a scan once per source and window)
                Instant now = Instant.now();
                SoftflowdExport.run(PcapReplayCopy.copy(capture, temp.resolve("synscan-v9.pcap"),
                        now.minusSeconds(300)), serve.flowPort(), 9, temp);
                JsonNode scan = await("a stored flow.portscan alert from " + SCANNER, DELIVERY,
                        () -> storedAlert(api, "flow.portscan", SCANNER).orElse(null));
                assertThat(scan.at("/source/zone/name").asText()).as("the scanner attributed by the zone file")
                        .isEqualTo(ServiceConfigFile.SCANNER_ZONE);
                assertThat(scan.at("/attributes/distinctPorts").asInt()).isGreaterThanOrEqualTo(50);
                await("the v9 port scan counted once in /metrics", DELIVERY,
                        () -> counter(api.text("/metrics"), "alert.flow.portscan") == 1 ? true : null);
                SoftflowdExport.run(PcapReplayCopy.copy(capture, temp.resolve("synscan-ipfix.pcap"),
                        now.minusSeconds(120), SCANNER, SECOND_SCANNER), serve.flowPort(), 10, temp);
                await("the IPFIX port scan from " + SECOND_SCANNER + " counted in /metrics", DELIVERY,
                        () -> counter(api.text("/metrics"), "alert.flow.portscan") == 2 ? true : null);

                // sshd failures through logger: three over UDP (RFC 5424), and once that alert is delivered three
                // over TCP (octet counting, RFC 3164): a later alert still reaches every target (delivery follows
                // the order of writes; DeliveryTest covers alerts whose evidence is older than one delivered)
                for (int i = 0; i < 3; i++) {
                    SyslogLogger.send(Transport.UDP_RFC5424, serve.syslogUdpPort(), "sshd", 4100 + i,
                            "Failed password for root from " + ATTACKER_UDP + " port " + (42420 + i) + " ssh2");
                }
                await("the UDP brute force at the webhook before the TCP lines are sent", DELIVERY,
                        () -> webhook.verifiedBodies().stream().anyMatch(b -> b.contains(ATTACKER_UDP)) ? true : null);
                for (int i = 0; i < 3; i++) {
                    SyslogLogger.send(Transport.TCP_RFC3164, serve.syslogTcpPort(), "sshd", 4200 + i,
                            "Failed password for invalid user admin from " + ATTACKER_TCP + " port " + (52420 + i)
                                    + " ssh2");
                }

                // a forbidden zone-to-zone connection: DMZ web server to an internal database port
                Path forbidden = SynCapture.write(temp.resolve("dmz-to-internal.pcap"), DMZ_WEB, 41000, INTERNAL_DB,
                        FORBIDDEN_PORT, Instant.now(), 2);
                SoftflowdExport.run(forbidden, serve.flowPort(), 9, temp);

                List<Expected> expected = List.of(new Expected("flow.portscan", SCANNER),
                        new Expected("flow.portscan", SECOND_SCANNER),
                        new Expected("auth.bruteforce", ATTACKER_UDP), new Expected("auth.bruteforce", ATTACKER_TCP),
                        new Expected("flow.segmentation", DMZ_WEB));
                for (Expected e : expected) {
                    await("a stored " + e, DELIVERY, () -> storedAlert(api, e.kind, e.address).orElse(null));
                }
                JsonNode cell = await("a zone-matrix cell dmz -> internal", DELIVERY,
                        () -> zoneCell(api, "dmz", "internal"));
                assertThat(cell.path("allowed").asBoolean()).as("the zone policy forbids dmz -> internal tcp/"
                        + FORBIDDEN_PORT).isFalse();
                assertThat(cell.path("flows").asLong()).isPositive();

                for (Expected e : expected) {
                    await(e + " at the webhook, signature valid", DELIVERY, () -> webhook.verifiedBodies().stream()
                            .map(ProductionServiceEndToEndTest::json).filter(b -> e.matches(b.path("alert")))
                            .findFirst().orElse(null));
                    await(e + " at the UDP syslog collector (RFC 5424)", DELIVERY, () -> siem.udpMessages().stream()
                            .filter(m -> m.startsWith("<") && e.in(m)).findFirst().orElse(null));
                    await(e + " at the TCP syslog collector (CEF)", DELIVERY, () -> siem.tcpMessages().stream()
                            .filter(m -> m.startsWith("CEF:0|VirtGuard|") && e.in(m)).findFirst().orElse(null));
                }
                assertThat(webhook.rejected()).as("webhook requests with a bad signature").isZero();
                assertThat(siem.tcpMessages()).noneMatch(m -> m.startsWith("FRAMING ERROR"));

                String metrics = api.text("/metrics");
                assertThat(counter(metrics, "alert.auth.bruteforce")).isGreaterThanOrEqualTo(2);
                assertThat(counter(metrics, "alert.flow.segmentation")).isGreaterThanOrEqualTo(1);
                assertThat(gauge(metrics, "virtguard_alerts{status=\"open\"}")).isGreaterThanOrEqualTo(5);

                List<String> page = ConsoleAlertsPage.alerts(serve.baseUrl(), "admin", serve.adminPassword());
                for (Expected e : expected) {
                    assertThat(page).as("the console's alerts page in Chromium").anySatisfy(item ->
                            assertThat(item).contains(e.kind, e.address));
                }
                assertThat(serve.running()).as(serve.transcript()).isTrue();
            }
        }
    }

    @Test
    void aStoreOutageLeavesTheServiceUpAndLosesNoEvent() throws Exception {
        requireEverything();
        PostgresControl postgres = PostgresControl.fromEnvironment();
        try (PostgresSchema schema = PostgresSchema.create(); WebhookReceiver webhook = new WebhookReceiver(
                WEBHOOK_SECRET); SyslogReceiver siem = new SyslogReceiver()) {
            Path config = ServiceConfigFile.write(temp, LabCopy.into(temp.resolve("lab")),
                    TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"), schema, webhook.url(), siem);
            Map<String, String> environment = Map.of(ServiceConfigFile.STORE_PASSWORD_VARIABLE, schema.password(),
                    ServiceConfigFile.WEBHOOK_SECRET_VARIABLE, WEBHOOK_SECRET, "VIRTGUARD_ADMIN_PASSWORD",
                    ADMIN_PASSWORD);
            // In process, assembled from the same file as serve assembles it, so that the test can reach the
            // libvirt test driver's state, which lives in the service's own connection.
            GlobalOptions options = new GlobalOptions();
            options.config = config;
            AppContext context = new AppContext(options, environment);
            List<ConfiguredSource> sources = context.sources(List.of(), null);
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (VirtGuardService service = VirtGuardService.start(new ServiceSetup(context.config(),
                    context.dataDir(), context.storeConfig(), sources, environment, java.time.Clock.systemUTC(),
                    log::add, changes -> { }))) {
                ServiceClient api = ServiceClient.login(service.baseUrl(), "admin", ADMIN_PASSWORD);
                int syslogUdp = service.intake().orElseThrow().syslogUdpPort();
                Connect hypervisor = ((LibvirtConnector) service.connectors().acquire(sources.get(0))).connection();
                Domain vm = hypervisor.domainLookupByName(OUTAGE_VM);
                String vmId = vm.getUUIDString();
                assertThat(vm.isActive()).as(OUTAGE_VM + " runs before the outage").isEqualTo(1);
                Instant outageStart = Instant.now();
                SoftAssertions soft = new SoftAssertions();

                // readiness details are for authenticated callers; the token verified now is remembered
                // through the outage, when the store cannot verify it
                soft.assertThat(storeStatus(api)).as("GET /readyz before the outage").hasValue("up");
                postgres.stop();
                try {
                    long stoppedAt = System.nanoTime();
                    soft.check(() -> await("GET /readyz reporting the store down", Duration.ofSeconds(8),
                            () -> storeStatus(api).filter("down"::equals).orElse(null)));
                    vm.destroy();
                    Thread.sleep(1_000);
                    vm.create();
                    for (int i = 0; i < 4; i++) {
                        SyslogLogger.send(Transport.UDP_RFC5424, syslogUdp, "sshd", 4300 + i, "Failed password for "
                                + "root from " + ATTACKER_DURING_OUTAGE + " port " + (43000 + i) + " ssh2");
                    }
                    soft.assertThat(statusOrFailure(api, "/health")).as("/health answers during the outage")
                            .isIn("200", "503");
                    soft.assertThat(statusOrFailure(api, "/login")).as("the console answers during the outage")
                            .isEqualTo("200");
                    Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
                } finally {
                    postgres.start();
                }

                soft.check(() -> await("GET /readyz reporting the store up again", Duration.ofSeconds(30),
                        () -> storeStatus(api).filter("up"::equals).orElse(null)));
                soft.check(() -> await("the power-off of " + OUTAGE_VM + " during the outage in the change log",
                        Duration.ofSeconds(30), () -> powerChange(api, vmId, outageStart, "OFF")));
                soft.check(() -> await("the power-on of " + OUTAGE_VM + " during the outage in the change log",
                        Duration.ofSeconds(10), () -> powerChange(api, vmId, outageStart, "RUNNING")));
                soft.check(() -> await("the brute-force alert of the outage in the store", Duration.ofSeconds(10),
                        () -> storedAlert(api, "auth.bruteforce", ATTACKER_DURING_OUTAGE).orElse(null)));
                soft.assertThat(statusOrFailure(api, "/health")).as("healthy after the outage").isEqualTo("200");
                if (!soft.wasSuccess()) {
                    System.out.println("service log during the outage test:\n" + String.join("\n", log));
                }
                soft.assertAll();
            }
        }
    }

    /** The HTTP status of an anonymous GET, or what went wrong (a timeout, a refused connection). */
    private static String statusOrFailure(ServiceClient api, String path) throws InterruptedException {
        try {
            return Integer.toString(api.getAnonymous(path).statusCode());
        } catch (java.io.IOException e) {
            return "no answer: " + e;
        }
    }

    private static Path requireEverything() {
        LabCopy.requireLibvirt();
        SoftflowdExport.require();
        SyslogLogger.require();
        ConsoleAlertsPage.require();
        return TestEnvironment.requireCorpus("pcaps/portscan/ndpi-synscan.pcap");
    }

    /** An alert of {@code kind} from {@code address} as {@code GET /api/v1/alerts} lists it. */
    private static Optional<JsonNode> storedAlert(ServiceClient api, String kind, String address) throws Exception {
        for (JsonNode item : api.json("/api/v1/alerts?kind=" + kind + "&limit=1000").path("items")) {
            if (new Expected(kind, address).matches(item.path("alert"))) {
                return Optional.of(item.path("alert"));
            }
        }
        return Optional.empty();
    }

    private static JsonNode zoneCell(ServiceClient api, String from, String to) throws Exception {
        for (JsonNode cell : api.json("/api/v1/zone-matrix").path("cells")) {
            if (cell.path("fromZone").asText().equals(from) && cell.path("toZone").asText().equals(to)) {
                return cell;
            }
        }
        return null;
    }

    /** The store's status on the readiness endpoint ({@code components.store.status}, shown to the token). */
    private static Optional<String> storeStatus(ServiceClient api) throws Exception {
        HttpResponse<String> ready = api.get("/readyz");
        if (ready.statusCode() == 404) {
            throw new AssertionError("GET /readyz: 404, no readiness endpoint");
        }
        return Optional.of(json(ready.body()).at("/components/store/status").asText())
                .filter(s -> !s.isEmpty());
    }

    private static JsonNode powerChange(ServiceClient api, String vmId, Instant since, String newState)
            throws Exception {
        for (JsonNode change : api.json("/api/v1/changes?since=" + since + "&limit=1000").path("items")) {
            if (change.path("objectId").asText().equals(vmId) && change.path("type").asText()
                    .equals("POWER_STATE_CHANGED") && change.path("newValue").asText().equals(newState)) {
                return change;
            }
        }
        return null;
    }

    private static long counter(String metrics, String kind) {
        return gauge(metrics, "virtguard_events_total{kind=\"" + kind + "\"}");
    }

    private static long gauge(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+(?:\\.\\d+)?)$").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static JsonNode json(String text) {
        try {
            return ServiceClient.parse(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }

    /** An alert the test expects: its kind and the acting address. */
    private record Expected(String kind, String address) {

        Expected {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(address);
        }

        boolean matches(JsonNode alert) {
            return alert.path("kind").asText().equals(kind) && alert.at("/source/address").asText().equals(address);
        }

        /** Whether a delivered text message names this alert. */
        boolean in(String message) {
            return message.contains(kind) && message.contains(address);
        }

        @Override
        public String toString() {
            return kind + " alert from " + address;
        }
    }
}

package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.e2e.PostgresSchema;
import org.virtguard.cli.e2e.ServeProcess;
import org.virtguard.cli.e2e.ServiceClient;
import org.virtguard.cli.e2e.ServiceConfigFile;
import org.virtguard.cli.e2e.SyslogReceiver;
import org.virtguard.cli.e2e.WebhookReceiver;
import org.virtguard.connector.tck.TestEnvironment;

/**
 * A whole run of {@code virtguard serve} (its own process, PostgreSQL store, webhook and syslog targets) with the log
 * at debug, so that libraries log their details and stack traces too, grepped afterwards for every secret the run
 * used: the database password, the webhook secret, the admin password, the API token, the console session and a
 * mistyped password. None may appear in anything it printed.
 */
class SecretsInLogsTest {

    private static final String ADMIN_PASSWORD = "secret-grep-heron-pw-6623";
    private static final String WEBHOOK_SECRET = "secret-grep-webhook-key-0042";
    private static final String MISTYPED_PASSWORD = "secret-grep-mistyped-9931";

    @TempDir
    Path temp;

    @Test
    void noSecretOfTheRunAppearsInItsLog() throws Exception {
        LabCopy.requireLibvirt();
        try (PostgresSchema schema = PostgresSchema.create(); WebhookReceiver webhook = new WebhookReceiver(
                WEBHOOK_SECRET); SyslogReceiver siem = new SyslogReceiver()) {
            Path config = ServiceConfigFile.write(temp, LabCopy.into(temp.resolve("lab")),
                    TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"), schema, webhook.url(), siem);
            Files.writeString(config, """

                    logging:
                      level: debug
                      levels: {com.zaxxer.hikari: debug, org.flywaydb: debug, io.javalin: debug, org.jdbi: debug,
                               org.eclipse.jetty.server: debug}
                    """, StandardOpenOption.APPEND);
            Map<String, String> environment = Map.of(ServiceConfigFile.STORE_PASSWORD_VARIABLE, schema.password(),
                    ServiceConfigFile.WEBHOOK_SECRET_VARIABLE, WEBHOOK_SECRET,
                    "VIRTGUARD_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("database password", schema.password());
            secrets.put("webhook secret", WEBHOOK_SECRET);
            secrets.put("admin password", ADMIN_PASSWORD);
            secrets.put("mistyped password", MISTYPED_PASSWORD);
            Path log = temp.resolve("serve.log");
            try (ServeProcess serve = ServeProcess.start(config, environment, log, Duration.ofSeconds(120))) {
                String base = serve.baseUrl();
                ServiceClient api = ServiceClient.login(base, "admin", ADMIN_PASSWORD);
                secrets.put("API token", api.token());
                HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                String cookie = ok.headers().firstValue("Set-Cookie").orElse("");
                String session = cookie.contains("=") ? cookie.substring(cookie.indexOf('=') + 1).split(";")[0] : "";
                assertThat(session).as("a console session cookie").hasSizeGreaterThan(10);
                secrets.put("session", session);
                http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + MISTYPED_PASSWORD))
                        .build(), HttpResponse.BodyHandlers.ofString());
                for (String path : new String[] {"/api/v1/vms", "/api/v1/hosts", "/metrics", "/ready",
                        "/api/v1/nothing-here"}) {
                    api.get(path);
                }
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/vms"))
                        .header("Authorization", "Bearer " + api.token() + "x").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                http.send(HttpRequest.newBuilder(URI.create(base + "/alerts"))
                        .header("Cookie", cookie.split(";")[0]).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).as("the run logged at debug").contains(" DEBUG ");
            assertThat(output.lines().count()).as("the log of the run").isGreaterThan(50);
            secrets.forEach((what, secret) -> assertThat(output).as("the %s in the log", what)
                    .doesNotContain(secret));
        }
    }
}

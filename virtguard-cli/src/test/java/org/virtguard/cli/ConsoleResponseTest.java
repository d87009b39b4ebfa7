package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.StoredAction;

/**
 * Guarded response in the web console, with sessions and CSRF tokens as a browser sends them: alice requests a
 * quarantine, the page tells her a second admin must approve and her own approval is refused; bob approves
 * it and the VM is on the quarantine network.
 */
class ConsoleResponseTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path temp;

    @Test
    void aSecondAdminApprovesInTheConsole() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        ConfiguredSource source = new ConfiguredSource(new SourceSpec("lab-c", "test://" + lab.resolve("host-c.xml"),
                Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source),
                TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"),
                "quarantine: {network: quarantine}\n", "30d")) {
            Console alice = new Console(h.baseUrl(), "alice");
            HttpResponse<String> requested = alice.post("/responses", Map.of("action", "quarantine", "vm", "dev01",
                    "reason", "EDR alert"));
            assertThat(requested.statusCode()).isEqualTo(303);
            StoredAction pending = h.response.list(Set.of(ActionStatus.PENDING), 1).get(0);
            assertThat(pending.request().requestedBy()).isEqualTo("alice");

            String alicePage = alice.get("/responses").body();
            assertThat(alicePage).contains("#" + pending.id() + " quarantine dev01",
                    "another admin must approve it").doesNotContain("Approve and run");

            HttpResponse<String> self = alice.post("/responses/" + pending.id() + "/approve", Map.of());
            assertThat(self.headers().firstValue("Location").orElse("")).isEqualTo("/responses");
            assertThat(alice.get("/responses").body()).as("the reason, from the session")
                    .contains("a second admin must approve it (two-person rule)");
            assertThat(h.response.find(pending.id()).orElseThrow().status()).isEqualTo(ActionStatus.PENDING);

            Console bob = new Console(h.baseUrl(), "bob");
            assertThat(bob.get("/responses").body()).contains("Approve and run");
            HttpResponse<String> noToken = bob.postWithoutCsrf("/responses/" + pending.id() + "/approve");
            assertThat(noToken.statusCode()).isEqualTo(403);
            HttpResponse<String> approved = bob.post("/responses/" + pending.id() + "/approve",
                    Map.of("note", "EDR confirmed"));
            assertThat(approved.statusCode()).isEqualTo(303);
            assertThat(approved.headers().firstValue("Location").orElse("")).doesNotContain("error=");

            assertThat(h.response.find(pending.id()).orElseThrow().status()).isEqualTo(ActionStatus.EXECUTED);
            String vmId = pending.request().vmId();
            assertThat(h.pool.acquire(source).collectVm(vmId).orElseThrow().nics()).isNotEmpty()
                    .extracting(VirtualNic::networkName).containsOnly("quarantine");
            assertThat(bob.get("/responses").body()).contains("executed", "Decided by", "<td>bob</td>");
        }
    }

    /** A console session: logged in with the form, carrying the session cookie and the page's CSRF token. */
    private static final class Console {
        private final String base;
        private final HttpClient http;

        Console(String base, String user) throws Exception {
            this.base = base;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user,
                            "password", GuardedServiceHarness.PASSWORD)))).build());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
            return r;
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            Matcher m = CSRF.matcher(get("/responses").body());
            assertThat(m.find()).isTrue();
            Map<String, String> all = new java.util.HashMap<>(fields);
            all.put("_csrf", m.group(1));
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(all))).build());
        }

        HttpResponse<String> postWithoutCsrf(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("note=x")).build());
        }

        private HttpResponse<String> send(HttpRequest request) throws Exception {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        private static String form(Map<String, String> fields) {
            return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }
    }
}

package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.store.security.Role;

/** The shared list parameters in the API: sort, dir, filters, bounded sizes, CSV export, search. */
class ListApiTest {

    private static ServerTestAccess server;
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        server = ServerTestAccess.start();
        fixture = server.fixture();
        server.addVm("f00d-formula", "=HYPERLINK(\"http://evil.example\",\"x\")", "dmz");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static JsonNode get(String path) {
        HttpResponse<String> r = fixture.getWithToken(path, Role.VIEWER);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ServerFixture.json(r);
    }

    @Test
    void sortsFiltersAndPagesOnTheServer() {
        JsonNode desc = get("/api/v1/vms?sort=name&dir=desc&size=2");
        assertThat(desc.path("items").findValuesAsText("name")).containsExactly("web01", "legacy");
        assertThat(desc.path("total").asInt()).isEqualTo(4);
        assertThat(desc.path("sort").asText()).isEqualTo("name");
        assertThat(desc.path("dir").asText()).isEqualTo("desc");
        JsonNode second = get("/api/v1/vms?sort=name&dir=desc&size=2&page=2");
        assertThat(second.path("items").findValuesAsText("name")).containsExactly("db01", "=HYPERLINK(\"http://evil.example\",\"x\")");
        assertThat(get("/api/v1/vms?power=off").path("items").findValuesAsText("name")).containsExactly("legacy");
        assertThat(get("/api/v1/vms?filter=52:54:00:00:00:02").path("items").findValuesAsText("name"))
                .containsExactly("db01");
        assertThat(get("/api/v1/alerts?sort=count&dir=asc").path("items").findValuesAsText("key"))
                .containsExactly(ServerFixture.ALERT_KEY, "flow.portscan|10.0.0.9");
    }

    @Test
    void badParametersAnswer400NamingThem() {
        for (String query : List.of("sort=removed_at", "dir=sideways", "size=501", "page=0", "power=sideways",
                "filter=" + "x".repeat(201))) {
            HttpResponse<String> r = fixture.getWithToken("/api/v1/vms?" + query, Role.VIEWER);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            String message = ServerFixture.json(r).path("message").asText();
            assertThat(message).as(query).contains(query.substring(0, query.indexOf('=')))
                    .doesNotContain("No enum").doesNotContain("Exception");
        }
    }

    @Test
    void csvExportIsTheCurrentFilterWithFormulasNeutralised() {
        HttpResponse<String> csv = fixture.getWithToken("/api/v1/vms?format=csv&network=dmz&sort=name", Role.VIEWER);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("VM,Host,Power");
        assertThat(lines.get(1)).startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",");
        assertThat(lines.subList(2, 4)).extracting(l -> l.substring(0, l.indexOf(','))).containsExactly("legacy", "web01");
    }

    @Test
    void searchFindsVmsByMacAndHostsByName() {
        JsonNode byMac = get("/api/v1/search?q=52:54:00:00:00:01");
        assertThat(byMac.path("items").findValuesAsText("name")).contains("web01");
        assertThat(byMac.path("items").findValuesAsText("kind")).contains("MAC");
        JsonNode host = get("/api/v1/search?q=kvm-a");
        assertThat(host.path("items").findValuesAsText("kind")).contains("HOST");
        assertThat(fixture.getWithToken("/api/v1/search?q=" + "y".repeat(201), Role.VIEWER).statusCode()).isEqualTo(400);
    }
}

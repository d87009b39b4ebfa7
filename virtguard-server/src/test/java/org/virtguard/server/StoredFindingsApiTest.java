package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.findings.FindingPlacement;
import org.virtguard.store.security.Role;

/** The findings API, dashboard and findings page answered from findings recorded in the store. */
class StoredFindingsApiTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    private static ServerFixture fixture;

    private static Finding finding(String check, String vm, CheckStatus status, Severity severity) {
        return new Finding(check, new ResourceRef(ObjectType.VM, "uuid-" + vm, vm), status, severity, "title",
                vm + " fails " + check, Map.of(), List.of("PCI-DSS-4.0:1.3.1"), T0);
    }

    private static FindingPlacement place(Finding f) {
        String area = f.checkId().startsWith("zone") ? "zones" : "vm-hardening";
        boolean web = f.resource().name().startsWith("web");
        return new FindingPlacement(area, web ? "host-a" : "host-b", Set.of(web ? "dmz" : "internal"));
    }

    @BeforeAll
    static void start() throws IOException {
        StoredFindingsPolicyView view = new StoredFindingsPolicyView();
        fixture = new ServerFixture(view);
        view.attach(fixture.store);
        List<Finding> first = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            first.add(finding("console-open", String.format("web%02d", i), CheckStatus.FAIL, Severity.HIGH));
        }
        first.add(finding("zone-nic", "web00", CheckStatus.FAIL, Severity.CRITICAL));
        first.add(finding("zone-nic", "db01", CheckStatus.EXCEPTED, Severity.CRITICAL));
        first.add(finding("svirt", "db02", CheckStatus.FAIL, Severity.MEDIUM));
        List<String> checks = List.of("console-open", "zone-nic", "svirt");
        fixture.store.findings().recordScan(first, checks, T0, StoredFindingsApiTest::place);
        fixture.store.findings().recordScan(first.subList(20, first.size()), checks, T0.plusSeconds(60),
                StoredFindingsApiTest::place);
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    private static JsonNode get(String path) {
        HttpResponse<String> r = fixture.getWithToken(path, Role.VIEWER);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ServerFixture.json(r);
    }

    private static List<String> keys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.path("items").forEach(i -> keys.add(i.path("checkId").asText() + "/" + i.path("resource").path("name")
                .asText()));
        return keys;
    }

    @Test
    void filtersByEveryFieldInStableOrder() {
        assertThat(get("/api/v1/findings").path("total").asLong()).isEqualTo(13);
        assertThat(keys(get("/api/v1/findings?severity=critical"))).containsExactly("zone-nic/db01", "zone-nic/web00");
        assertThat(keys(get("/api/v1/findings?state=excepted"))).containsExactly("zone-nic/db01");
        assertThat(keys(get("/api/v1/findings?zone=internal"))).containsExactly("zone-nic/db01", "svirt/db02");
        assertThat(keys(get("/api/v1/findings?host=host-b&state=fail"))).containsExactly("svirt/db02");
        assertThat(keys(get("/api/v1/findings?area=zones&zone=dmz"))).containsExactly("zone-nic/web00");
        assertThat(keys(get("/api/v1/findings?check=svirt"))).containsExactly("svirt/db02");
        JsonNode resolved = get("/api/v1/findings?state=resolved&limit=5");
        assertThat(resolved.path("total").asLong()).isEqualTo(20);
        assertThat(keys(resolved)).containsExactly("console-open/web00", "console-open/web01", "console-open/web02",
                "console-open/web03", "console-open/web04");
    }

    @Test
    void pagesAreContiguousAndPointToTheNext() {
        JsonNode first = get("/api/v1/findings?limit=5");
        JsonNode second = get("/api/v1/findings?limit=5&offset=5");
        JsonNode all = get("/api/v1/findings?limit=100");
        List<String> joined = new ArrayList<>(keys(first));
        joined.addAll(keys(second));
        assertThat(joined).isEqualTo(keys(all).subList(0, 10));
        assertThat(first.path("nextOffset").asInt()).isEqualTo(5);
        assertThat(get("/api/v1/findings?limit=5&offset=10").path("nextOffset").isNull()).isTrue();
    }

    @Test
    void unknownStateOrSeverityIsABadRequestNamingTheParameter() {
        HttpResponse<String> r = fixture.getWithToken("/api/v1/findings?state=sideways", Role.VIEWER);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(r).path("message").asText()).contains("'state'").contains("SIDEWAYS");
        assertThat(fixture.getWithToken("/api/v1/findings?severity=loud", Role.VIEWER).statusCode()).isEqualTo(400);
    }

    @Test
    void dashboardShowsAreasAndTrendFromTheStore() {
        JsonNode d = get("/api/v1/dashboard");
        assertThat(d.path("failingBySeverity").path("HIGH").asLong()).isEqualTo(10);
        assertThat(d.path("failingByArea").path("zones").path("CRITICAL").asLong()).isEqualTo(1);
        assertThat(d.path("failingByArea").path("vm-hardening").path("HIGH").asLong()).isEqualTo(10);
        assertThat(d.path("failingByArea").path("vm-hardening").path("MEDIUM").asLong()).isEqualTo(1);
        JsonNode trend = d.path("trend");
        assertThat(trend).hasSize(2);
        assertThat(trend.get(0).path("failing").path("HIGH").asLong()).isEqualTo(30);
        assertThat(trend.get(1).path("failing").path("HIGH").asLong()).isEqualTo(10);

        ServerFixture.Session session = fixture.login(Role.VIEWER);
        HttpResponse<String> page = fixture.send(fixture.request("GET", "/").header("Cookie", "vg_session=" + session.id()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Failing findings by area").contains("data-area=\"zones\"")
                .contains("<svg id=\"trend\"").contains("data-failing=\"32\"").contains("data-failing=\"12\"");
    }

    @Test
    void findingsPageFiltersAndPages() {
        ServerFixture.Session session = fixture.login(Role.VIEWER);
        HttpResponse<String> page = fixture.send(fixture.request("GET", "/findings?area=zones&state=fail")
                .header("Cookie", "vg_session=" + session.id()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span id=\"findings-total\">1</span>").contains("zone-nic")
                .doesNotContain("svirt").contains("name=\"area\" placeholder=\"area\" aria-label=\"area\" value=\"zones\"");
    }
}

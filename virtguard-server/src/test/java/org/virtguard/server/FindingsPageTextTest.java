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
import org.virtguard.model.InternalText;
import org.virtguard.model.ObjectType;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;
import org.virtguard.store.findings.FindingPlacement;
import org.virtguard.store.security.Role;

/**
 * The findings page and API as a user reads them: resources as names linked to their pages, evidence as labelled
 * values, real results first and not-collected findings counted and grouped apart; findings stored by an older
 * version with engine internals in their text never show them.
 */
class FindingsPageTextTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final String AGENT = "the hypervisor reported none; install the guest agent";
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        StoredFindingsPolicyView view = new StoredFindingsPolicyView();
        fixture = new ServerFixture(view);
        view.attach(fixture.store);
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            findings.add(new Finding("exposure.guest-os-end-of-life", new ResourceRef(ObjectType.VM, "uuid-vm" + i,
                    "vm0" + i), CheckStatus.NOT_COLLECTED, Severity.HIGH, "Guest operating system past its end of support",
                    "cannot tell: guest operating system not collected: " + AGENT,
                    Map.of("missing", "guest operating system", "collect", AGENT), List.of(), T0));
        }
        findings.add(new Finding("libvirt-console-every-interface", new ResourceRef(ObjectType.VM, "uuid-engine",
                "engine"), CheckStatus.FAIL, Severity.MEDIUM, "Remote console listens on every interface of the host",
                "Remote console listens on every interface of the host", Map.of("consoles", "VNC", "listen", "0"),
                List.of(), T0));
        findings.add(new Finding("libvirt-console-open-no-password", new ResourceRef(ObjectType.VM, "uuid-old",
                "old01"), CheckStatus.NOT_COLLECTED, Severity.HIGH, "Console without password",
                "NOT_COLLECTED: evaluation error at <input>:41: key 'passwordSet' is not present in map",
                Map.of("detail", "value not collected: evaluation error at <input>:41", "guestOs", "{id=debian12}"),
                List.of(), T0));
        findings.add(new Finding("libvirt-nic-no-antispoofing", new ResourceRef(ObjectType.NIC,
                "uuid-engine/52:54:00:00:00:01", "engine/52:54:00:00:00:01"), CheckStatus.FAIL, Severity.HIGH,
                "vNIC without anti-spoofing filter", "vNIC without anti-spoofing filter", Map.of(), List.of(), T0));
        fixture.store.findings().recordScan(findings, List.of("exposure.guest-os-end-of-life",
                "libvirt-console-every-interface", "libvirt-console-open-no-password", "libvirt-nic-no-antispoofing"),
                T0, f -> new FindingPlacement("libvirt", "host-a", Set.of()));
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    private static String page(String path) {
        ServerFixture.Session session = fixture.login(Role.VIEWER);
        HttpResponse<String> r = fixture.send(fixture.request("GET", path).header("Cookie", "vg_session=" + session.id()));
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void theDefaultViewListsResultsWithLinkedNamesAndLabelledEvidenceAndGroupsWhatWasNotCollected() {
        String body = page("/findings");
        String table = body.substring(body.indexOf("id=\"findings-table\""), body.indexOf("</table>",
                body.indexOf("id=\"findings-table\"")));
        assertThat(table).contains("<a class=\"resource\" href=\"/vms/uuid-engine\">engine</a>")
                .contains("href=\"/vms/uuid-engine\">engine/52:54:00:00:00:01</a>")
                .contains("<dt>Consoles</dt><dd>VNC</dd>").contains("<dt>Listens on</dt><dd>0</dd>")
                .doesNotContain("ResourceRef[", "not collected", "vm01");
        assertThat(body).contains("<span id=\"findings-total\">2</span>")
                .contains("<span class=\"count\" id=\"count-not-collected\">7</span> not collected");
        String groups = body.substring(body.indexOf("id=\"not-collected\""));
        assertThat(groups.indexOf("guest operating system")).as("the largest group first").isPositive()
                .isLessThan(groups.indexOf("Console without password"));
        assertThat(groups).contains("6 VMs").contains(AGENT);
        assertThat(body.indexOf("id=\"findings-table\"")).as("results before what was not collected")
                .isLessThan(body.indexOf("id=\"not-collected\""));
    }

    @Test
    void theNotCollectedViewHidesInternalsOfOldStoredFindings() {
        String body = page("/findings?state=NOT_COLLECTED");
        assertThat(body).contains("<span id=\"findings-total\">7</span>").contains("id=\"not-collected-groups\"");
        assertThat(InternalText.find(body.replaceAll("<[^>]+>", " "))).isEmpty();
        assertThat(body).contains("cannot tell: a value this check reads was not collected")
                .doesNotContain("<input>:41", "passwordSet", "{id=debian12}");
        assertThat(body).contains("<dt>Guest OS</dt><dd>id: debian12</dd>");
    }

    @Test
    void theApiKeepsItsDefaultAndAddsTheActionableStateAndASummary() {
        JsonNode all = ServerFixture.json(fixture.getWithToken("/api/v1/findings", Role.VIEWER));
        assertThat(all.path("total").asLong()).as("the default still lists every open finding").isEqualTo(9);
        JsonNode actionable = ServerFixture.json(fixture.getWithToken("/api/v1/findings?state=actionable", Role.VIEWER));
        assertThat(actionable.path("total").asLong()).isEqualTo(2);
        JsonNode summary = ServerFixture.json(fixture.getWithToken("/api/v1/findings/summary", Role.VIEWER));
        assertThat(summary.path("byStatus").path("NOT_COLLECTED").asLong()).isEqualTo(7);
        assertThat(summary.path("byStatus").path("FAIL").asLong()).isEqualTo(2);
        JsonNode first = summary.path("notCollected").get(0);
        assertThat(first.path("missing").asText()).isEqualTo("guest operating system");
        assertThat(first.path("resources").asLong()).isEqualTo(6);
        assertThat(first.path("text").asText()).isEqualTo("guest operating system not collected: 6 VMs — " + AGENT);
        JsonNode dashboard = ServerFixture.json(fixture.getWithToken("/api/v1/dashboard", Role.VIEWER));
        assertThat(dashboard.path("findingsByStatus").path("NOT_COLLECTED").asLong()).isEqualTo(7);
        assertThat(dashboard.path("failingBySeverity").path("HIGH").asLong()).as("not-collected are not failures")
                .isEqualTo(1);
    }
}

package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtguard.response.ResponsePolicy;
import org.virtguard.response.ResponseService;
import org.virtguard.store.response.ActionRequest;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;

/**
 * One approval leaves one {@code response.approve} audit entry naming the approver and the action, through the
 * API and the console; refused approvals (403, 409) are still audited. The requests are filed for source
 * {@code lab-a}, which cannot act here (as for an import), so an approved action is carried out and fails.
 */
class ResponseApprovalAuditTest {

    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(null, c -> c.withResponse(new ResponseService(c.store(), ResponsePolicy.none(),
                source -> Optional.empty(), Clock.systemUTC(), m -> { })));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private long file(String requestedBy) {
        Instant now = Instant.now();
        return fixture.store.responses().create(new ActionRequest("power-off", ServerFixture.WEB_VM_ID, "web01",
                "lab-a", Map.of(), true, List.of("power off web01"), null, "suspicious traffic", requestedBy, now,
                now.plus(Duration.ofHours(1))));
    }

    private HttpResponse<String> approveWithToken(Role role, long id) {
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/api/v1/responses/" + id + "/approve"))
                .header("Authorization", "Bearer " + fixture.tokens.get(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"confirmed with the owner\"}")));
    }

    private List<AuditRecord> approvals() {
        return fixture.context.security().audit().list(0, 200).stream().map(AuditEntry::record)
                .filter(r -> r.action().equals("response.approve")).toList();
    }

    @Test
    void oneApprovalThroughTheApiLeavesOneEntrySayingWhoApprovedWhat() {
        long id = file(ServerFixture.username(Role.OPERATOR));

        HttpResponse<String> response = approveWithToken(Role.ADMIN, id);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(fixture.store.responses().find(id).orElseThrow().status()).isEqualTo(ActionStatus.FAILED);
        assertThat(approvals()).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo(ServerFixture.username(Role.ADMIN));
            assertThat(r.outcome()).isEqualTo("success");
            assertThat(r.target()).isEqualTo("action #" + id + " power-off vm web01 (" + ServerFixture.WEB_VM_ID + ")");
            assertThat(r.detail()).isEqualTo("confirmed with the owner");
        });
        assertThat(fixture.context.security().audit().list(0, 200)).extracting(AuditEntry::record)
                .filteredOn(r -> r.action().equals("response.execute")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo("failure"));
        assertThat(fixture.context.security().audit().verify().valid()).isTrue();
    }

    @Test
    void oneRejectionThroughTheApiOrTheConsoleLeavesOneEntry() {
        long viaApi = file(ServerFixture.username(Role.OPERATOR));
        long viaConsole = file(ServerFixture.username(Role.OPERATOR));

        HttpResponse<String> api = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/api/v1/responses/"
                        + viaApi + "/reject"))
                .header("Authorization", "Bearer " + fixture.tokens.get(Role.ADMIN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"not needed\"}")));
        ServerFixture.Session admin = fixture.login(Role.ADMIN);
        HttpResponse<String> console = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/responses/"
                        + viaConsole + "/reject"))
                .header("Cookie", "vg_session=" + admin.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrf() + "&note=no")));

        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(console.statusCode()).isEqualTo(303);
        assertThat(fixture.context.security().audit().list(0, 200)).extracting(AuditEntry::record)
                .filteredOn(r -> r.action().equals("response.reject"))
                .extracting(AuditRecord::target)
                .containsExactlyInAnyOrder("action #" + viaApi + " power-off vm web01 (" + ServerFixture.WEB_VM_ID + ")",
                        "action #" + viaConsole + " power-off vm web01 (" + ServerFixture.WEB_VM_ID + ")");
        assertThat(fixture.store.responses().find(viaApi).orElseThrow().status()).isEqualTo(ActionStatus.REJECTED);
    }

    @Test
    void oneApprovalThroughTheConsoleLeavesOneEntry() {
        long id = file(ServerFixture.username(Role.OPERATOR));
        ServerFixture.Session admin = fixture.login(Role.ADMIN);

        HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/responses/"
                        + id + "/approve"))
                .header("Cookie", "vg_session=" + admin.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrf() + "&note=ok")));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(approvals()).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo(ServerFixture.username(Role.ADMIN));
            assertThat(r.target()).startsWith("action #" + id + " power-off vm web01");
            assertThat(r.outcome()).isEqualTo("success");
        });
    }

    /**
     * A console form refused by the service redirects back (303) to the page, which shows the reason once from the
     * server's flash (not from the URL); the refusal is audited once, as denied, never as a success.
     */
    @Test
    void aRefusedConsoleApprovalIsAuditedOnceAndItsReasonShownFromTheSession() {
        long own = file(ServerFixture.username(Role.ADMIN));
        ServerFixture.Session admin = fixture.login(Role.ADMIN);

        HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/responses/"
                        + own + "/approve"))
                .header("Cookie", "vg_session=" + admin.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrf() + "&note=mine")));

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).isEqualTo("/responses");
        assertThat(approvals()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("denied");
            assertThat(r.detail()).contains("two-person");
        });
        assertThat(fixture.store.responses().find(own).orElseThrow().status()).isEqualTo(ActionStatus.PENDING);
        String page = fixture.send(fixture.request("GET", "/responses").header("Cookie", "vg_session=" + admin.id()))
                .body();
        assertThat(page).contains("class=\"error\"").contains("a second admin must approve it");
        String again = fixture.send(fixture.request("GET", "/responses").header("Cookie", "vg_session=" + admin.id()))
                .body();
        assertThat(again).as("shown once").doesNotContain("class=\"error\"");
    }

    /** Issue 14 low 14: text in {@code ?error=} is attacker-chosen and never shown. */
    @Test
    void errorTextInTheUrlIsNotShown() {
        ServerFixture.Session admin = fixture.login(Role.ADMIN);

        String page = fixture.send(fixture.request("GET", "/responses?error=Your+session+expired.+Call+555-0100")
                .header("Cookie", "vg_session=" + admin.id())).body();

        assertThat(page).contains("Waiting for approval").doesNotContain("555-0100").doesNotContain("class=\"error\"");
    }

    @Test
    void refusedApprovalsAreStillAudited() {
        long own = file(ServerFixture.username(Role.ADMIN));
        assertThat(approveWithToken(Role.ADMIN, own).statusCode()).as("two-person rule").isEqualTo(403);
        assertThat(approveWithToken(Role.OPERATOR, own).statusCode()).as("not an admin").isEqualTo(403);
        long other = file(ServerFixture.username(Role.OPERATOR));
        assertThat(approveWithToken(Role.ADMIN, other).statusCode()).isEqualTo(200);
        assertThat(approveWithToken(Role.ADMIN, other).statusCode()).as("no longer pending").isEqualTo(409);

        List<String> refused = approvals().stream().filter(r -> !r.outcome().equals("success"))
                .map(r -> r.outcome() + " " + r.target() + " " + r.detail()).toList();
        assertThat(refused).as("a refused self-approval is audited once (by the response service)")
                .containsExactlyInAnyOrder(
                "denied action #" + own + " two-person rule: requester cannot approve",
                "denied " + own + " PERMISSION_DENIED: role operator may not response.approve; needs admin",
                "failure " + other + " CONFLICT: action #" + other + " is failed, not pending");
        assertThat(approvals()).filteredOn(r -> r.outcome().equals("success")).hasSize(1);
    }
}

package org.virtguard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.virtguard.model.Severity;
import org.virtguard.response.Actor;
import org.virtguard.response.ResponsePolicy;
import org.virtguard.response.ResponseService;
import org.virtguard.server.security.LoginResult;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.security.AuditEntry;
import org.virtguard.store.security.AuditRecord;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.UserProvenance;

/**
 * The attack of issue 14 item 3 over HTTP: an admin requests a power-off, makes a second admin account, logs in as
 * it and approves. Now the second admin account needs a second, pre-existing admin (or a loud break-glass when there
 * is none), and even then the account cannot approve its creator's request; an independent admin's approval runs.
 */
class TwoPersonRuleTest {

    private static final String NEW_PASSWORD = "a long enough password 42";

    private final List<VmAction> executed = new CopyOnWriteArrayList<>();
    private ServerFixture fixture;

    private void start(boolean secondAdmin) throws Exception {
        start(secondAdmin, true);
    }

    private void start(boolean secondAdmin, boolean alertPath) throws Exception {
        VmActuator actuator = new VmActuator() {
            @Override
            public Plan plan(VmAction action) {
                return new Plan(List.of("power off " + action.vmId()));
            }

            @Override
            public Outcome execute(VmAction action) {
                executed.add(action);
                return new Outcome(List.of("powered off " + action.vmId()), Optional.empty());
            }
        };
        fixture = new ServerFixture(null, c -> {
            ServerContext wired = c.withResponse(new ResponseService(c.store(), ResponsePolicy.none(),
                    source -> Optional.of(actuator), Clock.systemUTC(), m -> { }));
            // the service raises alerts through its AlertHub, which records them for delivery; here, directly
            return alertPath ? wired.withAlerts(alert -> c.store().alerts().record(alert, Instant.now())) : wired;
        });
        if (secondAdmin) {
            fixture.context.security().users().create("carol", Role.ADMIN,
                    fixture.context.hasher().hash(ServerFixture.PASSWORD.toCharArray()),
                    Instant.now().minus(Duration.ofDays(10)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aSockPuppetAdminCannotApproveItsCreatorsRequestAndAPreExistingAdminsApprovalRuns() throws Exception {
        start(true);
        long id = requestPowerOff();

        HttpResponse<String> create = api(Role.ADMIN, "POST", "/api/v1/users",
                "{\"username\": \"puppet\", \"role\": \"admin\", \"password\": \"" + NEW_PASSWORD + "\"}");
        assertThat(create.statusCode()).as(create.body()).isEqualTo(202);
        assertThat(ServerFixture.json(create).at("/grant/status").asText()).isEqualTo("pending");
        assertThat(fixture.context.security().users().find("puppet")).as("not created by one admin alone").isEmpty();
        HttpResponse<String> glass = api(Role.ADMIN, "POST", "/api/v1/users",
                "{\"username\": \"puppet2\", \"role\": \"admin\", \"password\": \"" + NEW_PASSWORD
                        + "\", \"breakGlass\": true}");
        assertThat(glass.statusCode()).as("no break-glass while another admin could approve").isEqualTo(409);

        long grant = ServerFixture.json(create).at("/grant/id").asLong();
        assertThat(decideGrant("admin", grant, "approve").statusCode()).as("requester approves own grant")
                .isEqualTo(403);
        HttpResponse<String> approved = decideGrant("carol", grant, "approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        UserProvenance puppet = fixture.context.security().users().provenance("puppet").orElseThrow();
        assertThat(puppet.role()).isEqualTo(Role.ADMIN);
        assertThat(puppet.createdBy()).isEqualTo("admin");

        HttpResponse<String> sock = approveAs("puppet", NEW_PASSWORD, id);
        assertThat(sock.statusCode()).as(sock.body()).isEqualTo(403);
        assertThat(sock.body()).contains("two-person rule");
        assertThat(executed).as("the sock puppet's approval ran nothing").isEmpty();
        assertThat(fixture.store.responses().find(id).orElseThrow().status()).isEqualTo(ActionStatus.PENDING);

        HttpResponse<String> real = approveAs("carol", ServerFixture.PASSWORD, id);
        assertThat(real.statusCode()).as(real.body()).isEqualTo(200);
        assertThat(fixture.store.responses().find(id).orElseThrow().status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(executed).hasSize(1);
    }

    @Test
    void promotingAUserToAdminWaitsForASecondAdminWhoExistedBeforeTheRequest() throws Exception {
        start(true);
        HttpResponse<String> promote = api(Role.ADMIN, "POST", "/api/v1/users/operator/role", "{\"role\": \"admin\"}");
        assertThat(promote.statusCode()).as(promote.body()).isEqualTo(202);
        long grant = ServerFixture.json(promote).at("/grant/id").asLong();
        assertThat(fixture.context.security().users().find("operator").orElseThrow().role()).isEqualTo(Role.OPERATOR);

        fixture.context.security().users().create("late", Role.ADMIN,
                fixture.context.hasher().hash(ServerFixture.PASSWORD.toCharArray()), Instant.now().plusSeconds(1));
        assertThat(decideGrant("late", grant, "approve").body()).contains("created after the request");
        assertThat(fixture.context.security().users().find("operator").orElseThrow().role()).isEqualTo(Role.OPERATOR);

        assertThat(decideGrant("carol", grant, "approve").statusCode()).isEqualTo(200);
        UserProvenance operator = fixture.context.security().users().provenance("operator").orElseThrow();
        assertThat(operator.role()).isEqualTo(Role.ADMIN);
        assertThat(operator.changedBy()).as("recorded as changed by the requester").isEqualTo("admin");
        assertThat(decideGrant("carol", grant, "approve").statusCode()).as("decided once").isEqualTo(409);
        assertThat(fixture.context.security().audit().list(0, 100)).extracting(AuditEntry::record)
                .filteredOn(r -> r.action().equals("user.grant.approve") && r.outcome().equals("success"))
                .singleElement().satisfies(r -> assertThat(r.actor()).isEqualTo("carol"));
    }

    @Test
    void withNoOtherAdminTheOnlyWayIsALoudBreakGlassAndItsAccountStillCannotApproveForItsCreator() throws Exception {
        start(false);
        long id = requestPowerOff();

        HttpResponse<String> refused = api(Role.ADMIN, "POST", "/api/v1/users",
                "{\"username\": \"puppet\", \"role\": \"admin\", \"password\": \"" + NEW_PASSWORD + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("break-glass");
        assertThat(fixture.context.security().users().find("puppet")).isEmpty();

        HttpResponse<String> glass = api(Role.ADMIN, "POST", "/api/v1/users",
                "{\"username\": \"puppet\", \"role\": \"admin\", \"password\": \"" + NEW_PASSWORD
                        + "\", \"breakGlass\": true}");
        assertThat(glass.statusCode()).as(glass.body()).isEqualTo(201);
        assertThat(ServerFixture.json(glass).at("/grant/status").asText()).isEqualTo("break-glass");
        List<AuditRecord> audit = fixture.context.security().audit().list(0, 100).stream()
                .map(AuditEntry::record).toList();
        assertThat(audit).filteredOn(r -> r.action().equals("user.break-glass")).singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("BREAK-GLASS: created admin puppet"));
        assertThat(fixture.store.alerts().list(AlertQuery.all())).filteredOn(a -> a.alert().kind()
                .equals("security.break-glass")).singleElement()
                .satisfies(a -> assertThat(a.alert().severity()).isEqualTo(Severity.HIGH));

        HttpResponse<String> sock = approveAs("puppet", NEW_PASSWORD, id);
        assertThat(sock.statusCode()).as(sock.body()).isEqualTo(403);
        assertThat(executed).isEmpty();
        assertThat(fixture.store.responses().find(id).orElseThrow().status()).isEqualTo(ActionStatus.PENDING);
    }

    @Test
    void anAccountWhosePasswordTheRequesterResetCannotApproveTheirRequestEvenAfterChangingIt() throws Exception {
        start(true);
        long id = requestPowerOff();

        HttpResponse<String> reset = api(Role.ADMIN, "POST", "/api/v1/users/carol/password", "{}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        String temporary = ServerFixture.json(reset).get("temporaryPassword").asText();
        fixture.context.security().users().setPassword("carol",
                fixture.context.hasher().hash("carol chose this one 77".toCharArray()), Instant.now(), false, null);

        assertThat(temporary).isNotBlank();
        assertThat(fixture.context.security().users().provenance("carol").orElseThrow().changedBy())
                .isEqualTo("admin");
        assertThatThrownBy(() -> fixture.context.response().orElseThrow().approve(id,
                new Actor("carol", true, "127.0.0.1"), null)).hasMessageContaining("created or last changed by");
        assertThat(executed).isEmpty();
    }

    @Test
    void breakGlassIsRefusedWhereItCouldNotBeReportedAsAnAlert() throws Exception {
        start(false, false);

        HttpResponse<String> glass = api(Role.ADMIN, "POST", "/api/v1/users",
                "{\"username\": \"puppet\", \"role\": \"admin\", \"password\": \"" + NEW_PASSWORD
                        + "\", \"breakGlass\": true}");

        assertThat(glass.statusCode()).as(glass.body()).isEqualTo(503);
        assertThat(fixture.context.security().users().find("puppet")).isEmpty();
        assertThat(fixture.context.security().adminGrants().list(false, 10)).isEmpty();
    }

    @Test
    void theAdminRoleCannotBeGivenOutThroughTheConsoleFormsWithoutAGrant() throws Exception {
        start(true);
        ServerFixture.Session admin = fixture.login(Role.ADMIN);
        HttpResponse<String> form = fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/admin/users"))
                .header("Cookie", "vg_session=" + admin.id())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + admin.csrf()
                        + "&username=formpuppet&role=admin&password=" + NEW_PASSWORD.replace(' ', '+'))));
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(fixture.context.security().users().find("formpuppet")).isEmpty();
        assertThat(fixture.context.security().adminGrants().list(true, 10)).singleElement()
                .satisfies(g -> assertThat(g.username()).isEqualTo("formpuppet"));
        HttpResponse<String> page = fixture.send(fixture.request("GET", "/admin")
                .header("Cookie", "vg_session=" + admin.id()));
        assertThat(page.body()).contains("formpuppet").contains("pending");
    }

    private long requestPowerOff() {
        HttpResponse<String> r = api(Role.ADMIN, "POST", "/api/v1/responses",
                "{\"action\": \"power-off\", \"vm\": \"web01\", \"reason\": \"acting alone\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ServerFixture.json(r).get("id").asLong();
    }

    private HttpResponse<String> api(Role role, String method, String path, String body) {
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + path))
                .header("Authorization", "Bearer " + fixture.tokens.get(role))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> approveAs(String user, String password, long id) {
        return sessionPost(user, password, "/api/v1/responses/" + id + "/approve", "{\"note\": \"fine\"}");
    }

    private HttpResponse<String> decideGrant(String user, long grant, String verb) {
        return sessionPost(user, ServerFixture.PASSWORD, "/api/v1/admin-grants/" + grant + "/" + verb, "{}");
    }

    private HttpResponse<String> sessionPost(String user, String password, String path, String body) {
        LoginResult login = fixture.context.authenticator().login(user, password.toCharArray(), "test");
        assertThat(login.succeeded()).as("login " + user).isTrue();
        return fixture.send(HttpRequest.newBuilder(URI.create(fixture.base() + path))
                .header("Cookie", "vg_session=" + login.sessionId())
                .header("X-CSRF-Token", login.principal().csrfToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}

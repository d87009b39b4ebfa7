package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.lifecycle.DormantVmDetector;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.response.ActionStatus;
import org.virtguard.store.response.StoredAction;
import org.virtguard.store.security.AuditEntry;

/**
 * The dormant-VM gate on libvirt's test driver, wired as the service runs it: a lab VM that was off longer
 * than the threshold powers on, the dormant alert is raised, the response policy files a quarantine request,
 * an operator cannot approve it, an admin can, and the VM ends up on the quarantine network. A request that
 * is rejected changes nothing.
 */
class DormantQuarantineTest {

    private static final String RESPONSE_POLICY = """
            quarantine: {network: quarantine}
            approval: {expiresAfter: 1h}
            triggers:
              - {on: lifecycle.dormant-vm-returned, action: quarantine, mode: request}
            """;

    @TempDir
    Path temp;

    @Test
    void aDormantVmPoweringOnIsQuarantinedOnceASecondAdminApproves() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        recordProvenance(lab.resolve("host-c/legacy01.xml"));
        ConfiguredSource source = new ConfiguredSource(new SourceSpec("lab-c", "test://" + lab.resolve("host-c.xml"),
                java.util.Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source),
                TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"), RESPONSE_POLICY, "1s")) {
            VirtualMachine before = h.store.inventory().findVm("legacy01").orElseThrow().vm();
            assertThat(before.powerState()).isEqualTo(PowerState.OFF);
            assertThat(before.nics()).extracting(VirtualNic::networkName).doesNotContain("quarantine");

            Thread.sleep(1_500);
            powerOnInNodeFile(lab.resolve("host-c/legacy01.xml"));
            h.service.reconnectAndSync();

            assertThat(h.store.alerts().list(AlertQuery.all())).anySatisfy(a -> {
                assertThat(a.alert().kind()).isEqualTo(DormantVmDetector.KIND);
                assertThat(a.alert().target().vmName()).isEqualTo("legacy01");
                assertThat(a.alert().attributes().get("verification")).as("what to verify before release")
                        .isNotBlank();
                assertThat(a.alert().attributes().get("provenance")).as("read from the VM as last collected")
                        .startsWith("deployed from template golden-legacy (template updated ");
            });
            StoredAction pending = h.response.list(Set.of(ActionStatus.PENDING), 10).stream()
                    .filter(a -> a.request().vmName().equals("legacy01")).findFirst().orElseThrow();
            assertThat(pending.request().kind()).isEqualTo("quarantine");
            assertThat(pending.request().requestedBy()).isEqualTo("policy:" + DormantVmDetector.KIND);
            assertThat(pending.request().plan()).contains("NIC 52:54:00:3c:00:03: network default -> quarantine");
            assertThat(onNetworks(h, before.id())).as("nothing changes before approval")
                    .doesNotContain("quarantine");

            HttpResponse<String> listed = h.get("olga", "/api/v1/responses?status=pending");
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"vm\":\"legacy01\"", "\"status\":\"pending\"");

            HttpResponse<String> byOperator = h.post("olga", "/api/v1/responses/" + pending.id() + "/approve", "{}");
            assertThat(byOperator.statusCode()).as(byOperator.body()).isEqualTo(403);
            assertThat(onNetworks(h, before.id())).doesNotContain("quarantine");

            HttpResponse<String> byAdmin = h.post("alice", "/api/v1/responses/" + pending.id() + "/approve",
                    "{\"note\": \"verified with the owner\"}");
            assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
            assertThat(byAdmin.body()).contains("\"status\":\"executed\"", "\"decidedBy\":\"alice\"");

            VirtualMachine onHypervisor = h.pool.acquire(source).collectVm(before.id()).orElseThrow();
            assertThat(onHypervisor.nics()).isNotEmpty().extracting(VirtualNic::networkName)
                    .containsOnly("quarantine");
            assertThat(onNetworks(h, before.id())).containsOnly("quarantine");
            List<String> audited = h.store.security().audit().list(0, 50).stream()
                    .map(e -> e.record().actor() + " " + e.record().action() + " " + e.record().outcome()).toList();
            assertThat(audited).contains("policy:" + DormantVmDetector.KIND + " response.request success",
                    "alice response.approve success", "alice response.execute success");
            assertThat(h.store.security().audit().verify().valid()).isTrue();
        }
    }

    @Test
    void theRequesterCannotApproveAndARejectedRequestChangesNothing() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        ConfiguredSource source = new ConfiguredSource(new SourceSpec("lab-c", "test://" + lab.resolve("host-c.xml"),
                java.util.Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source),
                TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"), RESPONSE_POLICY, "30d")) {
            VirtualMachine running = h.store.inventory().vms().stream().map(v -> v.vm())
                    .filter(v -> v.powerState() == PowerState.RUNNING).findFirst().orElseThrow();

            HttpResponse<String> plan = h.post("olga", "/api/v1/responses/plan",
                    "{\"action\": \"power-off\", \"vm\": \"" + running.name() + "\"}");
            assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
            assertThat(plan.body()).contains("\"destructive\":true");

            HttpResponse<String> requested = h.post("alice", "/api/v1/responses",
                    "{\"action\": \"power-off\", \"vm\": \"" + running.name() + "\", \"reason\": \"test\"}");
            assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
            long id = h.response.list(Set.of(ActionStatus.PENDING), 1).get(0).id();

            HttpResponse<String> self = h.post("alice", "/api/v1/responses/" + id + "/approve", "{}");
            assertThat(self.statusCode()).isEqualTo(403);
            assertThat(self.body()).contains("two-person rule");

            HttpResponse<String> rejected = h.post("bob", "/api/v1/responses/" + id + "/reject",
                    "{\"note\": \"not without a ticket\"}");
            assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
            HttpResponse<String> late = h.post("bob", "/api/v1/responses/" + id + "/approve", "{}");
            assertThat(late.statusCode()).isEqualTo(409);

            assertThat(h.pool.acquire(source).collectVm(running.id()).orElseThrow().powerState())
                    .isEqualTo(PowerState.RUNNING);
            assertThat(h.response.find(id).orElseThrow().status()).isEqualTo(ActionStatus.REJECTED);
            assertThat(h.store.security().audit().list(0, 50)).extracting(AuditEntry::record)
                    .anySatisfy(r -> assertThat(r.action() + " " + r.outcome()).isEqualTo("response.approve denied"));
        }
    }

    @Test
    void anApprovalAfterTheRequestExpiredChangesNothing() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        ConfiguredSource source = new ConfiguredSource(new SourceSpec("lab-c", "test://" + lab.resolve("host-c.xml"),
                java.util.Map.of()), Credentials.none());
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source),
                TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"),
                RESPONSE_POLICY.replace("expiresAfter: 1h", "expiresAfter: 1s"), "30d")) {
            VirtualMachine vm = h.store.inventory().findVm("dev01").orElseThrow().vm();
            HttpResponse<String> requested = h.post("olga", "/api/v1/responses",
                    "{\"action\": \"quarantine\", \"vm\": \"dev01\"}");
            assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
            long id = h.response.list(Set.of(ActionStatus.PENDING), 1).get(0).id();

            Thread.sleep(2_100);
            HttpResponse<String> late = h.post("alice", "/api/v1/responses/" + id + "/approve", "{}");

            assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
            assertThat(late.body()).contains("expired");
            assertThat(h.response.find(id).orElseThrow().status()).isEqualTo(ActionStatus.EXPIRED);
            assertThat(h.pool.acquire(source).collectVm(vm.id()).orElseThrow().nics())
                    .extracting(VirtualNic::networkName).doesNotContain("quarantine");
        }
    }

    private static List<String> onNetworks(GuardedServiceHarness h, String vmId) {
        return h.store.inventory().findVm(vmId).orElseThrow().vm().nics().stream().map(VirtualNic::networkName)
                .toList();
    }

    /** Marks the domain as deployed from a golden template, as a VirtGuard redeploy records it. */
    private static void recordProvenance(Path domainFile) throws Exception {
        String xml = Files.readString(domainFile, StandardCharsets.UTF_8);
        assertThat(xml).contains("</vg:labels>");
        Files.writeString(domainFile, xml.replace("</vg:labels>", "</vg:labels><vgt:deployed"
                + " xmlns:vgt='https://virtguard.org/xmlns/template/1' from='golden-legacy'"
                + " templateUpdated='2025-01-15T00:00:00Z' at='2025-02-01T00:00:00Z'/>"), StandardCharsets.UTF_8);
    }

    private static void powerOnInNodeFile(Path domainFile) throws Exception {
        String xml = Files.readString(domainFile, StandardCharsets.UTF_8);
        assertThat(xml).contains("<test:runstate>5</test:runstate>");
        Files.writeString(domainFile, xml.replace("<test:runstate>5</test:runstate>",
                "<test:runstate>1</test:runstate>"), StandardCharsets.UTF_8);
    }
}

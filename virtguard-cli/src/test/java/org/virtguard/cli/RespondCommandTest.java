package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.vsphere.vcsim.VcsimVmControl;
import org.virtguard.store.security.AuditEntry;

/**
 * {@code virtguard respond} as an operator runs it against a running service, with nothing but an API token in
 * its environment (no database or hypervisor credentials; the store the CLI would open does not even exist): a
 * dry run changes nothing, the request's expiry comes from the service's response policy, the requester cannot
 * approve their own power-off, a second admin can, vcsim's VM is then off, and the service audited each call as
 * the token's owner.
 */
class RespondCommandTest extends VcsimLab {

    private static final String VM = "DC0_H0_VM1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void aPowerOffThroughTheApiNeedsASecondAdminAndThenHappensOnTheHypervisor() throws Exception {
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("service-data"), List.of(source("vc01")),
                null, "approval: {expiresAfter: 17m}\n", "30d");
             VcsimVmControl control = new VcsimVmControl(vcsim)) {
            control.powerOn(VM);
            waitForInventory(h);
            Path noStore = temp.resolve("cli-data");
            String[] common = {"--data-dir", noStore.toString(), "--store-url",
                    "jdbc:postgresql://127.0.0.1:1/no-database-here", "--server", h.baseUrl()};

            CliRun anonymous = respond(Map.of(), common, "plan", "--action", "power-off", "--vm", VM);
            assertThat(anonymous.exitCode()).isNotZero();
            assertThat(anonymous.err()).contains("VIRTGUARD_TOKEN").doesNotContain("\n\tat ");

            CliRun forged = respond(Map.of("VIRTGUARD_TOKEN", "vgt_forged.not-a-token"), common, "list");
            assertThat(forged.exitCode()).isNotZero();
            assertThat(forged.err()).contains("refused the API token");

            Map<String, String> alice = Map.of("VIRTGUARD_TOKEN", h.token("alice"));
            CliRun plan = respond(alice, common, "plan", "--action", "power-off", "--vm", VM);
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("Dry run: power-off " + VM + " on vc01", "(destructive)");
            assertThat(control.powerState(VM)).isEqualTo("poweredOn");

            CliRun request = respond(alice, common, "request", "--action", "power-off", "--vm", VM, "--reason",
                    "crypto-miner seen in flows");
            assertThat(request.exitCode()).as(request.toString()).isZero();
            assertThat(request.out()).contains("#1 power-off " + VM + ": pending (requested by alice");
            JsonNode filed = JSON.readTree(h.get("alice", "/api/v1/responses/1").body());
            assertThat(Duration.between(Instant.parse(filed.path("requestedAt").asText()),
                    Instant.parse(filed.path("expiresAt").asText()))).isEqualTo(Duration.ofMinutes(17));

            CliRun self = respond(alice, common, "approve", "1");
            assertThat(self.exitCode()).isNotZero();
            assertThat(self.err()).contains("two-person rule");
            assertThat(control.powerState(VM)).isEqualTo("poweredOn");

            CliRun operator = respond(Map.of("VIRTGUARD_TOKEN", h.token("olga")), common, "approve", "1");
            assertThat(operator.exitCode()).isNotZero();
            assertThat(control.powerState(VM)).isEqualTo("poweredOn");

            CliRun approved = respond(Map.of("VIRTGUARD_TOKEN", h.token("bob")), common, "approve", "1", "--note",
                    "confirmed");
            assertThat(approved.exitCode()).as(approved.toString()).isZero();
            assertThat(approved.out()).contains("#1 power-off " + VM + ": executed", "decided by bob");
            assertThat(control.powerState(VM)).isEqualTo("poweredOff");

            CliRun listed = respond(alice, common, "list", "--status", "executed");
            assertThat(listed.exitCode()).as(listed.toString()).isZero();
            assertThat(listed.out()).contains("#1 power-off " + VM + ": executed");

            assertThat(noStore).doesNotExist();
            assertThat(h.store.security().audit().list(0, 50)).extracting(AuditEntry::record)
                    .extracting(r -> r.actor() + " " + r.action() + " " + r.outcome())
                    .contains("alice response.request success", "bob response.approve success");
        }
    }

    @Test
    void anUnreachableServiceIsOneClearLine() {
        CliRun run = CliRun.run(Map.of("VIRTGUARD_TOKEN", "vgt_x.y"), "--data-dir", temp.toString(), "respond",
                "list", "--server", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().strip()).startsWith("virtguard: error: cannot reach the service at http://127.0.0.1:1")
                .doesNotContain("\n");
    }

    private static CliRun respond(Map<String, String> env, String[] common, String... args) {
        List<String> all = new ArrayList<>(List.of("respond", args[0]));
        all.addAll(List.of(common));
        all.addAll(List.of(args).subList(1, args.length));
        return CliRun.run(env, all.toArray(String[]::new));
    }

    private static void waitForInventory(GuardedServiceHarness h) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (h.store.inventory().vms().stream().noneMatch(v -> v.vm().name().equals(VM))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the service never synced " + VM);
            }
            Thread.sleep(200);
        }
    }
}

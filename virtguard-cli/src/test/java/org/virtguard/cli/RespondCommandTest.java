package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.connector.vsphere.vcsim.VcsimVmControl;
import org.virtguard.server.security.Secrets;
import org.virtguard.server.security.TokenScope;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.security.Role;
import org.virtguard.store.security.StoredToken;

/**
 * {@code virtguard respond} against vcsim as an operator runs it: a dry run changes nothing, the requester
 * cannot approve their own power-off, a second admin can, and vcsim's VM is then off.
 */
class RespondCommandTest extends VcsimLab {

    private static final String VM = "DC0_H0_VM1";

    @TempDir
    Path temp;

    @Test
    void aPowerOffNeedsASecondAdminAndThenHappensOnTheHypervisor() throws Exception {
        Path config = Files.writeString(temp.resolve("virtguard.yaml"), """
                dataDir: %s
                sources:
                  - id: vc01
                    uri: vsphere://%s@127.0.0.1:%d
                    options: {thumbprint: "%s"}
                    credentials:
                      passwordEnv: VC01_PASSWORD
                """.formatted(temp.resolve("data"), VcsimServer.USER, vcsim.port(), vcsim.sha256Thumbprint()));
        Map<String, String> env = new HashMap<>(Map.of("VC01_PASSWORD", vcsim.password()));
        assertThat(CliRun.run(env, "--config", config.toString(), "inventory", "sync").exitCode()).isZero();
        String alice = seedAdminToken("alice");
        String bob = seedAdminToken("bob");
        try (VcsimVmControl control = new VcsimVmControl(vcsim)) {
            control.powerOn(VM);
            assertThat(control.powerState(VM)).isEqualTo("poweredOn");

            CliRun anonymous = CliRun.run(env, "--config", config.toString(), "respond", "plan", "--action",
                    "power-off", "--vm", VM);
            assertThat(anonymous.exitCode()).isNotZero();
            assertThat(anonymous.err()).contains("VIRTGUARD_TOKEN");

            env.put("VIRTGUARD_TOKEN", alice);
            CliRun plan = CliRun.run(env, "--config", config.toString(), "respond", "plan", "--action", "power-off",
                    "--vm", VM);
            assertThat(plan.exitCode()).as(plan.toString()).isZero();
            assertThat(plan.out()).contains("Dry run: power-off " + VM, "(destructive)");
            assertThat(control.powerState(VM)).isEqualTo("poweredOn");

            CliRun request = CliRun.run(env, "--config", config.toString(), "respond", "request", "--action",
                    "power-off", "--vm", VM, "--reason", "crypto-miner seen in flows");
            assertThat(request.exitCode()).as(request.toString()).isZero();
            assertThat(request.out()).contains("#1 power-off " + VM + ": pending (requested by alice");

            CliRun self = CliRun.run(env, "--config", config.toString(), "respond", "approve", "1");
            assertThat(self.exitCode()).isNotZero();
            assertThat(self.err()).contains("two-person rule");
            assertThat(control.powerState(VM)).isEqualTo("poweredOn");

            env.put("VIRTGUARD_TOKEN", bob);
            CliRun approved = CliRun.run(env, "--config", config.toString(), "respond", "approve", "1", "--note",
                    "confirmed");
            assertThat(approved.exitCode()).as(approved.toString()).isZero();
            assertThat(approved.out()).contains("#1 power-off " + VM + ": executed", "decided by bob");
            assertThat(control.powerState(VM)).isEqualTo("poweredOff");

            CliRun listed = CliRun.run(env, "--config", config.toString(), "respond", "list");
            assertThat(listed.out()).contains("#1 power-off " + VM + ": executed");
        }
    }

    private String seedAdminToken(String user) {
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("data")))) {
            Instant now = Instant.now();
            store.security().users().create(user, Role.ADMIN, "$not-a-login-account$", now);
            String id = "vgt_" + Secrets.random(9);
            String secret = id + "." + Secrets.random(32);
            store.security().tokens().create(new StoredToken(id, user + "-cli", user, Role.ADMIN, TokenScope.ALL, now,
                    now.plus(Duration.ofDays(1)), null, null), Secrets.digest(secret));
            return secret;
        }
    }
}

package org.virtguard.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.cli.VirtGuardCommand;
import picocli.CommandLine;

/** {@code virtguard scan} on a vcsim lab made partly insecure through the vSphere API: checks fail exactly there. */
class VcsimScanTest {

    @TempDir
    Path temp;

    private String run(Map<String, String> env, int expectedExit, String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(env, Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("exit of %s%n%s%n%s", List.of(args), out, err).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void vsphereChecksOnVcsim() throws Exception {
        try (VcsimServer lab = VcsimServer.start(List.of("-hosts", "1", "-cluster-hosts", "1", "-portgroups", "2"))) {
            String data = temp.resolve("data").toString();
            Map<String, String> env = Map.of("VC_PASSWORD", lab.password());
            try (VcsimInsecurity admin = new VcsimInsecurity(lab)) {
                admin.dvPortgroupSecurity(admin.named("DistributedVirtualPortgroup", "DC0_DVPG0"), true);
                admin.dvPortgroupSecurity(admin.named("DistributedVirtualPortgroup", "DC0_DVPG1"), false);
                admin.extraConfig(admin.named("VirtualMachine", "DC0_H0_VM0"), "isolation.tools.copy.disable", "false");
                admin.extraConfig(admin.named("VirtualMachine", "DC0_H0_VM0"), "tools.guestlib.enableHostInfo", "TRUE");
                admin.extraConfig(admin.named("VirtualMachine", "DC0_H0_VM1"), "RemoteDisplay.maxConnections", "1");
            }
            String json = run(env, 0, "--data-dir", data, "scan", "--source", "vsphere://" + VcsimServer.USER
                    + "@127.0.0.1:" + lab.port() + "?thumbprint=" + lab.sha256Thumbprint().replace(":", ""),
                    "--source-password-env", "VC_PASSWORD", "--format", "json", "--include-passed", "--no-history");
            JsonNode doc = new ObjectMapper().readTree(json);
            Map<String, Map<String, String>> status = new TreeMap<>();
            for (JsonNode f : doc.path("findings")) {
                status.computeIfAbsent(f.path("check").asText(), k -> new TreeMap<>())
                        .put(f.path("resource").path("name").asText(), f.path("status").asText());
            }
            for (String check : List.of("dvpg-promiscuous-mode", "dvpg-forged-transmits", "dvpg-mac-changes")) {
                assertThat(status.get(check)).as(check).containsEntry("DC0_DVPG0", "FAIL")
                        .containsEntry("DC0_DVPG1", "PASS").doesNotContainValue("ERROR");
            }
            assertThat(status.get("pg-promiscuous-mode")).as("vcsim's standard switches reject promiscuous mode")
                    .containsValue("PASS").doesNotContainValue("FAIL");
            assertThat(status.get("pg-forged-transmits")).as("vcsim's standard switches accept forged transmits")
                    .containsValue("FAIL");
            assertThat(status.get("esxi-ssh-running")).as("SSH is stopped on vcsim hosts").containsValue("PASS")
                    .doesNotContainValue("FAIL");
            assertThat(status.get("esxi-lockdown-mode")).containsValue("FAIL");
            assertThat(status.get("esxi-firewall-open-to-all")).containsValue("FAIL");
            assertThat(status.get("vm-copy-enabled")).containsEntry("DC0_H0_VM0", "FAIL").containsEntry("DC0_H0_VM1", "PASS");
            assertThat(status.get("vm-guestlib-host-info")).containsEntry("DC0_H0_VM0", "FAIL")
                    .containsEntry("DC0_H0_VM1", "PASS");
            assertThat(status.get("vm-console-sharing")).containsEntry("DC0_H0_VM1", "PASS")
                    .containsEntry("DC0_H0_VM0", "FAIL");
            assertThat(status.get("libvirt-svirt-disabled").values()).containsOnly("NOT_APPLICABLE");
            assertThat(json).doesNotContain(lab.password());
        }
    }
}

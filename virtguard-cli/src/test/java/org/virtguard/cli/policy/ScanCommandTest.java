package org.virtguard.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.VirtGuardCommand;
import org.virtguard.connector.tck.TestEnvironment;
import picocli.CommandLine;

class ScanCommandTest {

    @TempDir
    Path temp;

    private String[] run(int expectedExit, String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(Map.of(), Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("exit of %s%n%s%n%s", List.of(args), out, err).isEqualTo(expectedExit);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void scansAnOfflineLabDirectoryWithZonesAndFailsOnHighFindings() throws Exception {
        TestEnvironment.requireLab();
        String data = temp.resolve("data").toString();
        String zones = TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml").toString();
        String[] table = run(ScanCommand.FINDINGS_EXIT, "--data-dir", data, "scan", "--source",
                TestEnvironment.labDirectoryUri("host-a"), "--zones", zones, "--fail-on", "high");
        assertThat(table[0]).contains("libvirt-console-open-no-password").contains("web02")
                .contains("zone-anti-affinity").contains("zone-mixed-trust-host");
        assertThat(table[1]).contains("new,");

        String sarif = run(0, "--data-dir", data, "scan", "--format", "sarif", "--zones", zones)[0];
        JsonNode doc = new ObjectMapper().readTree(sarif);
        assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
        assertThat(doc.path("runs").get(0).path("results").size()).isPositive();
        assertThat(run(0, "--data-dir", data, "scan", "--no-history")[1]).doesNotContain("new,");
        String second = run(0, "--data-dir", data, "scan", "--zones", zones)[1];
        assertThat(second).contains("0 new").contains("still open");

        Path html = temp.resolve("report.html");
        run(0, "--data-dir", data, "scan", "--format", "html", "--output", html.toString());
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        assertThat(run(0, "--data-dir", data, "scan", "--format", "junit")[0]).contains("<testsuites");
        assertThat(run(0, "--data-dir", data, "scan", "--format", "csv")[0]).startsWith("check,status,severity");
    }

    @Test
    void invalidZoneOrCheckFilesAreRefusedWithTheirPosition() throws Exception {
        Path zones = temp.resolve("zones.yaml");
        Files.writeString(zones, "zones:\n  - name: dmz\n    trust: 10\n    match: {networks: [dmz]}\n"
                + "classifications:\n  - name: web\n    match: {names: [web]}\n    allowedZones: [nowhere]\n");
        String err = run(2, "--data-dir", temp.resolve("d").toString(), "scan", "--zones", zones.toString())[1];
        assertThat(err).contains("zones.yaml:8:20").contains("unknown zone 'nowhere'");

        Path check = temp.resolve("bad-check.yaml");
        Files.writeString(check, "id: bad-check\ntitle: t\nseverity: low\nresource: vm\nhypervisors: [libvirt]\n"
                + "description: d\nrisk: r\nremediation: {virsh: x}\nframeworks: {pci-dss-4.0: ['2.2.1']}\n"
                + "rule: vm.name == 1 +\n");
        err = run(2, "checks", "validate", check.toString())[1];
        assertThat(err).contains("bad-check.yaml:10:").contains("does not compile");
    }

    @Test
    void checksListShowAndTest() {
        assertThat(run(0, "checks", "list")[0]).contains("libvirt-svirt-disabled").contains("esxi-ssh-running");
        assertThat(run(0, "checks", "show", "esxi-ssh-running")[0]).contains("V-258754");
        assertThat(run(0, "checks", "test", "libvirt-svirt-disabled")[0]).contains("0 failed");
        run(1, "checks", "show", "no-such-check");
    }
}

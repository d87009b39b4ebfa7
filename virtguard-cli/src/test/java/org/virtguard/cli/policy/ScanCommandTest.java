package org.virtguard.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;
import org.virtguard.connector.tck.TestEnvironment;

class ScanCommandTest {

    @TempDir
    Path temp;

    @Test
    void scansAnOfflineLabDirectoryWithZonesAndFailsOnHighFindings() throws Exception {
        TestEnvironment.requireLab();
        String data = temp.resolve("data").toString();
        String zones = TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml").toString();
        String[] table = CliRun.runExpecting(ScanCommand.FINDINGS_EXIT, "--data-dir", data, "scan", "--source",
                TestEnvironment.labDirectoryUri("host-a"), "--zones", zones, "--fail-on", "high");
        assertThat(table[0]).contains("libvirt-console-open-no-password").contains("web02")
                .contains("zone-anti-affinity").contains("zone-mixed-trust-host");
        assertThat(table[1]).contains("new,");

        String sarif = CliRun.runExpecting(0, "--data-dir", data, "scan", "--format", "sarif", "--zones", zones)[0];
        JsonNode doc = new ObjectMapper().readTree(sarif);
        assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
        assertThat(doc.path("runs").get(0).path("results").size()).isPositive();
        assertThat(CliRun.runExpecting(0, "--data-dir", data, "scan", "--no-history")[1]).doesNotContain("new,");
        String second = CliRun.runExpecting(0, "--data-dir", data, "scan", "--zones", zones)[1];
        assertThat(second).contains("0 new").contains("still open");

        Path html = temp.resolve("report.html");
        CliRun.runExpecting(0, "--data-dir", data, "scan", "--format", "html", "--output", html.toString());
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").doesNotContain("<script");
        assertThat(CliRun.runExpecting(0, "--data-dir", data, "scan", "--format", "junit")[0]).contains("<testsuites");
        assertThat(CliRun.runExpecting(0, "--data-dir", data, "scan", "--format", "csv")[0]).startsWith("check,status,severity");
    }

    /**
     * The corpus check as a user runs it: one {@code scan} of the whole domain tree. Files that share a
     * UUID (libvirt's test files all use one) are each scanned, named by their file, with a warning.
     */
    @Test
    void scansTheCorpusDomainTreeAsOneDirectory() throws Exception {
        Path domains = TestEnvironment.requireCorpus("libvirt/domains");
        String[] run = CliRun.runExpecting(0, "--data-dir", temp.resolve("corpus").toString(), "scan", "--no-history",
                "--format", "csv", "--source", "libvirt-dir://" + domains.toAbsolutePath());
        java.util.Map<String, java.util.Set<String>> failing = new java.util.HashMap<>();
        for (String line : run[0].lines().skip(1).toList()) {
            String[] f = line.split(",", -1);
            if (f.length > 5 && f[1].equals("FAIL")) {
                failing.computeIfAbsent(vmOf(f[3], f[5]), k -> new java.util.TreeSet<>()).add(f[0]);
            }
        }
        assertThat(failing.get("QEMUGuest1 (libvirt-tests/graphics-vnc.xml)"))
                .contains("libvirt-console-open-no-password");
        assertThat(failing.get("QEMUGuest1 (libvirt-tests/seclabel-none.xml)")).contains("libvirt-svirt-disabled");
        assertThat(failing.get("QEMUGuest1 (libvirt-tests/hostdev-usb-address.xml)"))
                .contains("libvirt-usb-passthrough");
        assertThat(failing.values().stream().filter(c -> c.contains("libvirt-nic-no-antispoofing")).count())
                .isGreaterThan(5);
        for (String secure : java.util.List.of("graphics-vnc-sasl.xml", "graphics-vnc-tls.xml", "graphics-spice.xml",
                "seclabel-dynamic.xml", "seclabel-static.xml")) {
            assertThat(failing.getOrDefault("QEMUGuest1 (libvirt-tests/" + secure + ")", java.util.Set.of()))
                    .as(secure).doesNotContain("libvirt-console-open-no-password", "libvirt-svirt-disabled");
        }
        assertThat(run[1]).contains("has the UUID of").contains("imported as the separate VM");
    }

    /** The VM a CSV row is about: its name, or for a vNIC ({@code vm-name/mac}) its VM's. */
    private static String vmOf(String type, String name) {
        int mac = name.lastIndexOf('/');
        return type.equals("NIC") && mac > 0 ? name.substring(0, mac) : name;
    }

    @Test
    void invalidZoneOrCheckFilesAreRefusedWithTheirPosition() throws Exception {
        Path zones = temp.resolve("zones.yaml");
        Files.writeString(zones, "zones:\n  - name: dmz\n    trust: 10\n    match: {networks: [dmz]}\n"
                + "classifications:\n  - name: web\n    match: {names: [web]}\n    allowedZones: [nowhere]\n");
        String err = CliRun.runExpecting(2, "--data-dir", temp.resolve("d").toString(), "scan", "--zones", zones.toString())[1];
        assertThat(err).contains("zones.yaml:8:20").contains("unknown zone 'nowhere'");

        Path check = temp.resolve("bad-check.yaml");
        Files.writeString(check, "id: bad-check\ntitle: t\nseverity: low\nresource: vm\nhypervisors: [libvirt]\n"
                + "description: d\nrisk: r\nremediation: {virsh: x}\nframeworks: {pci-dss-4.0: ['2.2.1']}\n"
                + "rule: vm.name == 1 +\n");
        err = CliRun.runExpecting(2, "checks", "validate", check.toString())[1];
        assertThat(err).contains("bad-check.yaml:10:").contains("does not compile");
    }

    @Test
    void checksListShowAndTest() {
        assertThat(CliRun.runExpecting(0, "checks", "list")[0]).contains("libvirt-svirt-disabled").contains("esxi-ssh-running");
        assertThat(CliRun.runExpecting(0, "checks", "show", "esxi-ssh-running")[0]).contains("V-258754");
        assertThat(CliRun.runExpecting(0, "checks", "test", "libvirt-svirt-disabled")[0]).contains("0 failed");
        CliRun.runExpecting(1, "checks", "show", "no-such-check");
    }
}

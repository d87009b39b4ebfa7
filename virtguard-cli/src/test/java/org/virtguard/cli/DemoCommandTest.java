package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path temp;

    @Test
    void demoServesTheLabPrintsTheAdminPasswordOnceAndRecordsDayTwo() {
        LabCopy.requireLibvirt();
        System.setProperty("virtguard.home", org.virtguard.connector.tck.TestEnvironment.repoRoot().toString());
        CliRun demo = CliRun.run(Map.of(), "--data-dir", temp.toString(), "demo", "--once", "--port", "0");

        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("Web console: http://127.0.0.1:", "created user 'admin' with password");
        assertThat(demo.out()).contains("web01", "pci-pay01");
        String dayTwo = demo.out().substring(demo.out().indexOf("== What VirtGuard recorded"));
        assertThat(dayTwo).contains("MOVED_HOST", "NIC_NETWORK_CHANGED", "REMOVED");
        String findings = demo.out().substring(demo.out().indexOf("== New findings after day two"));
        assertThat(findings).as("web01's vNIC moved into the DMZ, which its classification forbids")
                .contains("FAIL zone-nic-not-allowed web01");
        assertThat(demo.err()).doesNotContain("password");
    }

    @Test
    void aKeptDemoStoreDoesNotPrintAPasswordAgain() {
        LabCopy.requireLibvirt();
        System.setProperty("virtguard.home", org.virtguard.connector.tck.TestEnvironment.repoRoot().toString());
        CliRun.run(Map.of(), "--data-dir", temp.toString(), "demo", "--once", "--port", "0");
        CliRun again = CliRun.run(Map.of(), "--data-dir", temp.toString(), "demo", "--once", "--keep", "--port", "0",
                "--day-two-after", "30s");

        assertThat(again.out()).as(again.toString()).doesNotContain("with password");
    }
}

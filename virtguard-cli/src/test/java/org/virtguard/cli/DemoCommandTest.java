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
    void demoSyncsTheLabAndShowsTheDayTwoChanges() {
        LabCopy.requireLibvirt();
        System.setProperty("virtguard.home", org.virtguard.connector.tck.TestEnvironment.repoRoot().toString());
        CliRun demo = CliRun.run(Map.of(), "--data-dir", temp.toString(), "demo");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("host-a", "host-b", "host-c", "web01", "pci-pay01");
        String dayTwo = demo.out().substring(demo.out().indexOf("== Re-sync"));
        assertThat(dayTwo).contains("MOVED_HOST", "NIC_NETWORK_CHANGED", "REMOVED");
        assertThat(dayTwo.lines().filter(l -> l.contains("MOVED_HOST") || l.contains("NIC_NETWORK_CHANGED")
                || l.contains("REMOVED") || l.contains("CREATED") || l.contains("SETTING_CHANGED")
                || l.contains("POWER_STATE_CHANGED")).count()).isEqualTo(3);
    }
}

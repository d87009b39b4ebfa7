package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.runtime.StoredFlowsView;
import org.virtguard.server.views.ZoneFlow;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.alerts.AlertQuery;

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
        assertThat(demo.out()).contains("== Traffic replayed into the listeners ==", "auth.bruteforce");

        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("demo")))) {
            List<String> kinds = store.alerts().list(AlertQuery.all()).stream().map(a -> a.alert().kind()).toList();
            assertThat(kinds).as("the replayed auth log raised alerts through the syslog listener")
                    .contains("auth.bruteforce", "auth.spraying", "auth.takeover");
            assertThat(kinds).as("the replayed NetFlow datagrams raised alerts through the flow collector")
                    .contains("flow.segmentation", "flow.portscan");
            List<ZoneFlow> matrix = new StoredFlowsView(store, Clock.systemUTC())
                    .zoneMatrix(Instant.now().minus(Duration.ofHours(1)));
            assertThat(matrix).as("zone-to-zone edges were stored")
                    .anySatisfy(z -> {
                        assertThat(z.fromZone()).isEqualTo("internal");
                        assertThat(z.toZone()).isEqualTo("dmz");
                        assertThat(z.allowed()).isTrue();
                    })
                    .anySatisfy(z -> {
                        assertThat(z.fromZone()).isEqualTo("dmz");
                        assertThat(z.toZone()).isEqualTo("internal");
                        assertThat(z.allowed()).as("SSH and a port scan from the DMZ are forbidden").isFalse();
                    });
        }
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

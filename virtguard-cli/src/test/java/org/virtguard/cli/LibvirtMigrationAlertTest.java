package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.lifecycle.MigrationGuard;
import org.virtguard.model.Severity;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;

/**
 * A host change seen between syncs on libvirt: the confidential db01 leaves host-b (trust 50) for host-c
 * (trust 10, below its classification's minimum). The re-read raises a migration alert naming both hosts;
 * the move of a VM without placement constraints raises none.
 */
class LibvirtMigrationAlertTest {

    @TempDir
    Path temp;

    @Test
    void aConfidentialVmFoundOnALowerTrustHostAfterASyncRaisesAMigrationAlert() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        List<ConfiguredSource> sources = List.of(source(lab, "host-b"), source(lab, "host-c"));
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), sources,
                TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"), "{}", "30d")) {
            move(lab, "host-b", "host-c", "db01");
            move(lab, "host-b", "host-c", "fw01");
            h.service.reconnectAndSync();

            List<StoredAlert> alerts = h.store.alerts().list(AlertQuery.all()).stream()
                    .filter(a -> a.alert().kind().equals(MigrationGuard.KIND)).toList();
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.alert().severity()).isEqualTo(Severity.HIGH);
                assertThat(a.alert().title()).contains("db01", "host-b (trust 50)", "host-c (trust 10)",
                        "zone-host-trust-too-low");
                assertThat(a.alert().attributes()).containsEntry("classification", "confidential")
                        .containsEntry("fromHost", "host-b").containsEntry("toHost", "host-c");
            });
        }
    }

    private static ConfiguredSource source(Path lab, String host) {
        return new ConfiguredSource(new SourceSpec("lab-" + host.substring(5), "test://" + lab.resolve(host + ".xml"),
                Map.of()), Credentials.none());
    }

    private static void move(Path lab, String from, String to, String vm) throws Exception {
        String entry = "  <domain file='" + from + "/" + vm + ".xml'/>\n";
        Path fromFile = lab.resolve(from + ".xml");
        String fromText = Files.readString(fromFile, StandardCharsets.UTF_8);
        assertThat(fromText).contains(entry);
        Files.writeString(fromFile, fromText.replace(entry, ""), StandardCharsets.UTF_8);
        Path toFile = lab.resolve(to + ".xml");
        Files.writeString(toFile, Files.readString(toFile, StandardCharsets.UTF_8).replace("</node>", entry + "</node>"),
                StandardCharsets.UTF_8);
    }
}

package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.lifecycle.DormantVmDetector;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;
import org.virtguard.store.alerts.AlertQuery;

/** A VM that was off longer than the threshold powers on: the sync raises and stores a dormant-VM alert. */
class DormantVmCommandTest {

    @TempDir
    Path temp;

    @Test
    void powerOnAfterTheThresholdRaisesAStoredAlert() throws Exception {
        LabCopy.requireLibvirt();
        Path lab = LabCopy.into(temp.resolve("lab"));
        Path data = temp.resolve("data");
        String[] sync = {"--data-dir", data.toString(), "inventory", "sync", "--dormant-after", "1s",
                "--source", "test://" + lab.resolve("host-c.xml")};
        CliRun first = CliRun.run(Map.of(), sync);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).doesNotContain("ALERT");

        Thread.sleep(1_500);
        Path legacy = lab.resolve("host-c/legacy01.xml");
        String xml = Files.readString(legacy, StandardCharsets.UTF_8);
        assertThat(xml).contains("<test:runstate>5</test:runstate>");
        Files.writeString(legacy, xml.replace("<test:runstate>5</test:runstate>", "<test:runstate>1</test:runstate>"),
                StandardCharsets.UTF_8);

        CliRun second = CliRun.run(Map.of(), sync);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("ALERT HIGH: Dormant VM legacy01 powered on after at least");

        try (Store store = Store.open(StoreConfig.embedded(data))) {
            assertThat(store.alerts().list(AlertQuery.all())).singleElement().satisfies(a -> {
                assertThat(a.alert().kind()).isEqualTo(DormantVmDetector.KIND);
                assertThat(a.alert().target().vmName()).isEqualTo("legacy01");
            });
        }
    }
}

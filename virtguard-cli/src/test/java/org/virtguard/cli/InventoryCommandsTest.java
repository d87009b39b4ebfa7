package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.cli.output.Json;
import org.virtguard.model.ChangeType;
import org.virtguard.model.InventoryChange;

/**
 * The inventory commands as a user runs them, against libvirt's real test driver and the real store
 * (embedded H2 and PostgreSQL).
 */
class InventoryCommandsTest {

    @TempDir
    Path temp;

    private Path lab;

    @BeforeEach
    void copyLab() throws Exception {
        LabCopy.requireLibvirt();
        lab = LabCopy.into(temp.resolve("lab"));
    }

    private String[] syncArgs(String... hosts) {
        String[] args = new String[2 + hosts.length * 2];
        args[0] = "inventory";
        args[1] = "sync";
        for (int i = 0; i < hosts.length; i++) {
            args[2 + 2 * i] = "--source";
            args[3 + 2 * i] = "test://" + lab.resolve(hosts[i] + ".xml");
        }
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "pg"})
    void syncListsHostsVmsNicsAndNetworksOfSeveralHosts(String store) throws Exception {
        try (StoreUnderTest db = StoreUnderTest.create(store, temp)) {
            CliRun sync = db.run(syncArgs("host-a", "host-b", "host-c"));
            assertThat(sync.exitCode()).as(sync.toString()).isZero();

            CliRun hosts = db.run("inventory", "list", "hosts");
            assertThat(hosts.out()).contains("host-a", "host-b", "host-c");

            CliRun vms = db.run("inventory", "list", "vms", "--format", "json");
            List<JsonNode> vmRows = Json.mapper().readValue(vms.out(), new TypeReference<>() { });
            assertThat(vmRows).extracting(n -> n.path("vm").path("name").asText())
                    .contains("web01", "web02", "db01", "pci-pay01", "legacy01");

            CliRun nics = db.run("inventory", "list", "nics", "--format", "csv");
            assertThat(nics.out().lines().findFirst().orElseThrow())
                    .isEqualTo("vm,host,mac,attachment,network,model,filter,anti-spoofing,ips");
            assertThat(nics.out()).contains("web01,host-a,52:54:00:1a:00:01,NETWORK,default");

            CliRun networks = db.run("inventory", "list", "networks");
            assertThat(networks.out()).contains("default", "dmz", "mgmt");

            CliRun show = db.run("inventory", "show", "web01");
            assertThat(show.exitCode()).as(show.toString()).isZero();
            assertThat(show.out()).contains("VM web01", "host-a", "52:54:00:1a:00:01", "clean-traffic");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "pg"})
    void resyncAfterMoveNicSwitchAndUndefineShowsExactlyThoseThreeChanges(String store) throws Exception {
        try (StoreUnderTest db = StoreUnderTest.create(store, temp)) {
            assertThat(db.run(syncArgs("host-a", "host-b", "host-c")).exitCode()).isZero();
            CliRun unchanged = db.run(syncArgs("host-a", "host-b", "host-c"));
            assertThat(unchanged.out()).contains("0 changes recorded");

            Instant beforeDayTwo = Instant.now();
            org.virtguard.cli.demo.DayTwoScenario.apply(lab);
            CliRun resync = db.run(syncArgs("host-a", "host-b", "host-c"));
            assertThat(resync.exitCode()).as(resync.toString()).isZero();

            CliRun changes = db.run("inventory", "changes", "--since", beforeDayTwo.toString(), "--format", "json");
            List<InventoryChange> logged = Json.mapper().readValue(changes.out(), new TypeReference<>() { });
            assertThat(logged).extracting(InventoryChange::type, InventoryChange::objectName)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(ChangeType.MOVED_HOST, "web02"),
                            org.assertj.core.groups.Tuple.tuple(ChangeType.NIC_NETWORK_CHANGED,
                                    logged.stream().filter(c -> c.type() == ChangeType.NIC_NETWORK_CHANGED)
                                            .map(InventoryChange::objectName).findFirst().orElse("missing")),
                            org.assertj.core.groups.Tuple.tuple(ChangeType.REMOVED, "legacy01"));
            InventoryChange nic = logged.stream().filter(c -> c.type() == ChangeType.NIC_NETWORK_CHANGED)
                    .findFirst().orElseThrow();
            assertThat(nic.objectName()).contains("web01");
            assertThat(nic.oldValue()).contains("default");
            assertThat(nic.newValue()).contains("dmz");
            InventoryChange move = logged.stream().filter(c -> c.type() == ChangeType.MOVED_HOST).findFirst()
                    .orElseThrow();
            assertThat(move.oldValue()).contains("host-a");
            assertThat(move.newValue()).contains("host-b");

            CliRun table = db.run("inventory", "changes", "--since", beforeDayTwo.toString());
            assertThat(table.out()).contains("MOVED_HOST", "NIC_NETWORK_CHANGED", "REMOVED", "3 changes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "pg"})
    void failedSourceNeverWipesWhatTheStoreHolds(String store) throws Exception {
        try (StoreUnderTest db = StoreUnderTest.create(store, temp)) {
            assertThat(db.run(syncArgs("host-a", "host-b")).exitCode()).isZero();
            Files.move(lab.resolve("host-b.xml"), lab.resolve("host-b.xml.gone"));

            CliRun partial = db.run(syncArgs("host-a", "host-b"));
            assertThat(partial.exitCode()).as(partial.toString()).isEqualTo(ExitCodes.PARTIAL);
            assertThat(partial.err().lines().filter(l -> l.startsWith("virtguard: error:")).toList())
                    .singleElement().asString().contains("host-b.xml").doesNotContain("Exception\n\tat");
            assertThat(partial.err()).doesNotContain("\tat ");

            CliRun vms = db.run("inventory", "list", "vms");
            assertThat(vms.out()).contains("db01", "pci-pay01", "web01");
            assertThat(vms.out().lines().filter(l -> l.startsWith("db01")).findFirst().orElseThrow()).contains("STALE");

            CliRun changes = db.run("inventory", "changes", "--format", "json");
            List<InventoryChange> logged = Json.mapper().readValue(changes.out(), new TypeReference<>() { });
            assertThat(logged).filteredOn(c -> c.type() == ChangeType.REMOVED).isEmpty();
            assertThat(logged).filteredOn(c -> c.type() == ChangeType.SOURCE_STALE).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2"})
    void badInputGivesOneLineErrorsAndNonZeroExits(String store) throws Exception {
        try (StoreUnderTest db = StoreUnderTest.create(store, temp)) {
            CliRun password = db.run("inventory", "sync", "--source", "qemu+tcp://admin:Hunter2@kvm01/system");
            assertThat(password.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(password.err()).contains("contains a password").doesNotContain("Hunter2");

            CliRun unknown = db.run("inventory", "sync", "--source", "gopher://kvm01/");
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(unknown.err()).contains("no connector understands").doesNotContain("\tat ");

            CliRun missing = db.run("inventory", "sync", "--source", "test:///nonexistent/host.xml");
            assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(missing.err()).contains("/nonexistent/host.xml").doesNotContain("\tat ");

            CliRun none = db.run("inventory", "sync");
            assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);

            CliRun noVm = db.run("inventory", "show", "no-such-vm");
            assertThat(noVm.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(noVm.err()).contains("no VM named or with id 'no-such-vm'");

            CliRun badTime = db.run("inventory", "changes", "--since", "last tuesday");
            assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2"})
    void configFileListsManySources(String store) throws Exception {
        Path config = temp.resolve("virtguard.yaml");
        Files.writeString(config, """
                dataDir: %s
                sources:
                  - id: kvm-a
                    uri: test://%s
                    options: {name: host-a}
                  - id: kvm-b
                    uri: test://%s
                    options: {name: host-b}
                """.formatted(temp.resolve("cfgdata"), lab.resolve("host-a.xml"), lab.resolve("host-b.xml")));
        CliRun sync = CliRun.run(Map.of(), "--config", config.toString(), "inventory", "sync");
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("kvm-a", "kvm-b");
        CliRun hosts = CliRun.run(Map.of(), "--config", config.toString(), "inventory", "list", "hosts", "--format", "csv");
        assertThat(hosts.out()).contains("kvm-a").contains("kvm-b");
    }
}

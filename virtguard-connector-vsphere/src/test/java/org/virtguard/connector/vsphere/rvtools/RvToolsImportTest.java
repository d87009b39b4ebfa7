package org.virtguard.connector.vsphere.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.CollectionStatus;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VlanMode;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;

class RvToolsImportTest {

    @TempDir
    Path temp;

    private InventorySnapshot collect() throws Exception {
        Path dir = RvToolsFixture.write(temp.resolve("export"));
        try (var c = new RvToolsConnectorFactory().open(new SourceSpec("rv", "rvtools://" + dir, Map.of()),
                Credentials.none())) {
            return c.collect();
        }
    }

    @Test
    void vmsHostsAndNicsUseTheLiveConnectorsIdScheme() throws Exception {
        InventorySnapshot s = collect();
        VirtualMachine web = s.vms().stream().filter(v -> v.name().equals("web01")).findFirst().orElseThrow();
        assertThat(web.id()).isEqualTo("4213aaaa-1111-2222-3333-444455556666");
        assertThat(web.hostId()).isEqualTo("vsphere:d1e2f3a4-0000-1111-2222-333344445555:esx01.example.net");
        assertThat(web.annotation()).isEqualTo("web, tier 1");
        assertThat(web.settings().get("vm.hardwareVersion").value()).isEqualTo("vmx-19");
        assertThat(web.nics()).singleElement().satisfies(n -> {
            assertThat(n.networkName()).isEqualTo("dmz-pg");
            assertThat(n.ipAddresses().value()).containsExactly("10.0.0.5", "10.0.0.6");
        });
        assertThat(web.settings().get("tools.status").value()).isEqualTo("toolsOld");
        assertThat(web.snapshots()).singleElement().satisfies(sn -> {
            assertThat(sn.name()).isEqualTo("before-patch");
            assertThat(sn.createdAt()).isEqualTo(java.time.Instant.parse("2024-03-01T10:00:00Z"));
        });
        assertThat(web.devices()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(org.virtguard.model.DeviceKind.USB_DEVICE);
            assertThat(d.connected()).isTrue();
        });
        assertThat(s.hosts()).anySatisfy(h -> {
            assertThat(h.setting("vmk.vmk0.portgroup").value()).isEqualTo("Management Network");
            assertThat(h.setting("vmk.vmk0.ip").value()).isEqualTo("10.1.0.11/24");
            assertThat(h.setting("vmk.vmk0.services").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
        });
        assertThat(s.hosts()).anySatisfy(h -> {
            assertThat(h.productVersion()).isEqualTo("8.0.2");
            assertThat(h.productBuild()).isEqualTo("22380479");
        });
    }

    @Test
    void portGroupPoliciesAndVlansAreRead() throws Exception {
        InventorySnapshot s = collect();
        Network std = s.networks().stream().filter(n -> n.kind() == NetworkKind.STANDARD_PORT_GROUP).findFirst()
                .orElseThrow();
        assertThat(std.vlan().value().mode()).isEqualTo(VlanMode.ALL);
        assertThat(std.l2Policy().forgedTransmitsAllowed().value()).isTrue();
        assertThat(std.l2Policy().promiscuousAllowed().value()).isFalse();
        Network dv = s.networks().stream().filter(n -> n.kind() == NetworkKind.DISTRIBUTED_PORT_GROUP).findFirst()
                .orElseThrow();
        assertThat(dv.vlan().value().ids()).containsExactly(120);
        assertThat(dv.l2Policy().promiscuousAllowed().value()).isTrue();
    }

    @Test
    void malformedRowsAndMissingTabsBecomeWarningsNotFailures() throws Exception {
        InventorySnapshot s = collect();
        assertThat(s.vms()).extracting(VirtualMachine::name).containsExactlyInAnyOrder("web01", "tmpl01");
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w.message()).contains("malformed rows skipped"));
        assertThat(s.warnings()).anySatisfy(w -> assertThat(w.message()).contains("orphan").contains("no host"));
        assertThat(s.vms().stream().filter(v -> v.name().equals("tmpl01")).findFirst().orElseThrow()
                .settings().get("tools.status").status()).isEqualTo(CollectionStatus.NOT_COLLECTED);
        assertThat(s.vms().get(0).guestOs().status()).isEqualTo(CollectionStatus.COLLECTED);
    }

    @Test
    void quotedSemicolonSeparatedCsvIsParsed() {
        CsvTable t = CsvTable.parse("VM;Annotation\r\n\"a;b\";\"say \"\"hi\"\"\"\r\nonly-one-cell\r\n");
        assertThat(t.rows()).singleElement().satisfies(r -> {
            assertThat(r.get("vm")).isEqualTo("a;b");
            assertThat(r.get("annotation")).isEqualTo("say \"hi\"");
        });
        assertThat(t.skipped()).isEqualTo(1);
    }

    @Test
    void theXlsxWorkbookGivesTheSameInventoryAsItsCsvTabs() throws Exception {
        InventorySnapshot fromCsv = collect();
        Path xlsx = XlsxFixture.write(temp.resolve("export"), temp.resolve("RVTools.xlsx"), null);
        try (var c = new RvToolsConnectorFactory().open(new SourceSpec("rv", "rvtools://" + xlsx, Map.of()),
                Credentials.none())) {
            InventorySnapshot fromXlsx = c.collect();
            assertThat(fromXlsx.vms()).isEqualTo(fromCsv.vms());
            assertThat(fromXlsx.hosts()).isEqualTo(fromCsv.hosts());
            assertThat(fromXlsx.networks()).isEqualTo(fromCsv.networks());
        }
    }

    @Test
    void aHostileSheetIsRefusedWithItsName() throws Exception {
        collect();
        Path xlsx = XlsxFixture.write(temp.resolve("export"), temp.resolve("evil.xlsx"),
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        try (var c = new RvToolsConnectorFactory().open(new SourceSpec("rv", "rvtools://" + xlsx, Map.of()),
                Credentials.none())) {
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(org.virtguard.spi.ConnectorException.class,
                    c::collect);
            assertThat(e.code()).isEqualTo(org.virtguard.model.ErrorCode.INVALID_INPUT);
            assertThat(e.getMessage()).contains("evil.xlsx").contains("sheet").doesNotContain("root:");
        }
    }
}

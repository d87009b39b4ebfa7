package org.virtguard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Collected;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.VirtualMachine;

class InventoryJsonTest {

    @Test
    void fullyPopulatedVirtualMachineRoundTrips() {
        VirtualMachine vm = Fixtures.fullVm();
        String json = InventoryJson.write(vm);
        VirtualMachine back = InventoryJson.read(json, VirtualMachine.class);
        assertThat(back).isEqualTo(vm);
        assertThat(back.lastPowerOn().value()).isInstanceOf(Instant.class);
        assertThat(back.nics().get(0).filter().protections().value())
                .containsExactlyInAnyOrder(SpoofingProtection.ARP, SpoofingProtection.MAC, SpoofingProtection.IP);
        assertThat(back.nics().get(0).ipAddresses().value()).containsExactly("10.0.0.5", "fe80::1");
        assertThat(InventoryJson.write(back)).isEqualTo(json);
    }

    @Test
    void hostNetworkClusterSiteAndFilterRoundTrip() {
        for (Object record : List.of(Fixtures.fullHost(), Fixtures.fullNetwork(), Fixtures.fullCluster(),
                Fixtures.site(), Fixtures.filter("host-1", "clean-traffic", 3))) {
            String json = InventoryJson.write(record);
            assertThat(InventoryJson.read(json, record.getClass())).as(json).isEqualTo(record);
        }
        Host host = InventoryJson.read(InventoryJson.write(Fixtures.fullHost()), Host.class);
        assertThat(host.setting("UserVars.SuppressShellWarning").isCollected()).isFalse();
        Network network = InventoryJson.read(InventoryJson.write(Fixtures.fullNetwork()), Network.class);
        assertThat(network.l2Policy().forgedTransmitsAllowed().get()).contains(true);
        assertThat(network.vlan().value().ids()).containsExactly(10);
        assertThat(InventoryJson.read(InventoryJson.write(Fixtures.filter(null, "f", 1)), TrafficFilterDefinition.class)
                .hostId()).isNull();
    }

    @Test
    void writesRecordComponentsOnlyWithIsoInstantsAndSortedKeys() {
        String json = InventoryJson.write(Fixtures.fullVm());
        assertThat(json).doesNotContain("\"collected\"").doesNotContain("reachableBeyondLoopback");
        assertThat(json).contains("\"createdAt\":\"2025-01-02T03:04:05.123456Z\"");
        assertThat(json.indexOf("\"annotation\"")).isLessThan(json.indexOf("\"consoles\""));
        assertThat(json.indexOf("\"classification\"")).isLessThan(json.indexOf("\"owner\""));
    }

    @Test
    void hashDoesNotDependOnSetOrMapIterationOrder() {
        Set<SpoofingProtection> hashed = new HashSet<>(List.of(SpoofingProtection.IP, SpoofingProtection.ARP));
        TrafficFilterRef a = new TrafficFilterRef("f", Map.of("A", List.of("1"), "B", List.of("2")),
                Collected.of(hashed));
        TrafficFilterRef b = new TrafficFilterRef("f", Map.of("B", List.of("2"), "A", List.of("1")),
                Collected.of(EnumSet.of(SpoofingProtection.ARP, SpoofingProtection.IP)));
        assertThat(InventoryJson.write(a)).isEqualTo(InventoryJson.write(b));
        assertThat(InventoryJson.sha256(InventoryJson.write(a))).hasSize(64)
                .isEqualTo(InventoryJson.sha256(InventoryJson.write(b)));
    }

    @Test
    void equalRecordsHashEquallyAndDifferentOnesDo() {
        VirtualMachine vm = Fixtures.fullVm();
        String hash = InventoryJson.sha256(InventoryJson.write(vm));
        assertThat(InventoryJson.sha256(InventoryJson.write(vm.toBuilder().build()))).isEqualTo(hash);
        assertThat(InventoryJson.sha256(InventoryJson.write(vm.toBuilder().vcpus(9).build()))).isNotEqualTo(hash);
    }
}

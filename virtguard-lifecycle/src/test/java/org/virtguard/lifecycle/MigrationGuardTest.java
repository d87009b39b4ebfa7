package org.virtguard.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.model.Alert;
import org.virtguard.model.ChangeType;
import org.virtguard.model.Collected;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventoryChange;
import org.virtguard.model.Network;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Platform;
import org.virtguard.model.PowerState;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

class MigrationGuardTest {

    private static final String POLICY = """
            zones:
              - {name: internal, trust: 50, match: {networks: [default]}}
              - {name: dmz, trust: 10, match: {networks: [dmz]}}
            classifications:
              - name: pci
                match: {labels: {classification: pci}}
                allowedZones: [internal]
                minHostTrust: 50
                allowedSites: [dc1]
            hosts:
              - {match: {names: [esx-a]}, trust: 50, site: dc1}
              - {match: {names: [esx-b]}, trust: 50, site: dc1}
              - {match: {names: [esx-c]}, trust: 10, site: dc1}
              - {match: {names: [esx-far]}, trust: 50, site: colo}
            antiAffinity:
              - {name: web-tier, members: [web01, web02]}
            """;
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static CheckCatalog catalog;
    private final Lab lab = new Lab();

    @BeforeAll
    static void loadChecks() throws Exception {
        catalog = CheckCatalog.builtIn();
    }

    private MigrationGuard guard(String policyText) throws Exception {
        ZonePolicy zones = ZonePolicyLoader.parse("test zones", policyText);
        return new MigrationGuard(catalog.checks(), zones, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void pciVmMovedToALowerTrustHostRaisesAHighAlertNamingBothHosts() throws Exception {
        lab.vm("db01", "esx-c", "default", Map.of("classification", "pci"));

        List<Alert> alerts = guard(POLICY).inspect(List.of(moved("db01", "esx-a", "esx-c")), lab);

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(MigrationGuard.KIND);
            assertThat(a.severity()).isEqualTo(Severity.HIGH);
            assertThat(a.title()).contains("db01", "esx-a (trust 50)", "esx-c (trust 10)", "zone-host-trust-too-low");
            assertThat(a.attributes()).containsEntry("fromHost", "esx-a").containsEntry("toHost", "esx-c")
                    .containsEntry("fromTrust", "50").containsEntry("toTrust", "10")
                    .containsEntry("classification", "pci").containsEntry("violationsBefore", "");
            assertThat(a.target().hostName()).isEqualTo("esx-c");
        });
    }

    @Test
    void moveBetweenHostsOfEqualTrustRaisesNothing() throws Exception {
        lab.vm("db01", "esx-b", "default", Map.of("classification", "pci"));

        assertThat(guard(POLICY).inspect(List.of(moved("db01", "esx-a", "esx-b")), lab)).isEmpty();
    }

    @Test
    void moveOffSiteBreaksDataResidency() throws Exception {
        lab.vm("db01", "esx-far", "default", Map.of("classification", "pci"));

        assertThat(guard(POLICY).inspect(List.of(moved("db01", "esx-a", "esx-far")), lab)).singleElement()
                .satisfies(a -> {
                    assertThat(a.title()).contains("zone-data-residency");
                    assertThat(a.attributes()).containsEntry("fromSite", "dc1").containsEntry("toSite", "colo");
                });
    }

    @Test
    void moveOntoTheHostOfAnAntiAffinityPeerIsAViolationCausedByTheMove() throws Exception {
        lab.vm("web02", "esx-b", "default", Map.of());
        lab.vm("web01", "esx-b", "default", Map.of());

        assertThat(guard(POLICY).inspect(List.of(moved("web01", "esx-a", "esx-b")), lab)).singleElement()
                .satisfies(a -> assertThat(a.title()).contains("zone-anti-affinity"));
    }

    @Test
    void violationThatAlreadyHeldOnTheOldHostIsReportedAsMedium() throws Exception {
        lab.vm("db01", "esx-b", "dmz", Map.of("classification", "pci"));

        assertThat(guard(POLICY).inspect(List.of(moved("db01", "esx-a", "esx-b")), lab)).singleElement()
                .satisfies(a -> {
                    assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(a.attributes().get("violationsBefore")).contains("zone-nic-not-allowed");
                    assertThat(a.evidence()).anyMatch(e -> e.startsWith("already before: zone-nic-not-allowed"));
                });
    }

    @Test
    void withoutAZonePolicyOrWithoutAMoveNothingIsRaised() throws Exception {
        lab.vm("db01", "esx-c", "default", Map.of("classification", "pci"));
        InventoryChange power = new InventoryChange(2, NOW, "vc", ObjectType.VM, "vm-db01", "db01",
                ChangeType.POWER_STATE_CHANGED, null, "OFF", "RUNNING");

        MigrationGuard noPolicy = new MigrationGuard(catalog.checks(), ZonePolicy.empty(), Clock.systemUTC());
        assertThat(noPolicy.active()).isFalse();
        assertThat(noPolicy.inspect(List.of(moved("db01", "esx-a", "esx-c")), lab)).isEmpty();
        assertThat(guard(POLICY).inspect(List.of(power), lab)).isEmpty();
    }

    private static InventoryChange moved(String vm, String from, String to) {
        return new InventoryChange(1, NOW, "vc", ObjectType.VM, "vm-" + vm, vm, ChangeType.MOVED_HOST, null, from, to);
    }

    /** A small inventory: hosts esx-a, esx-b, esx-c, esx-far and the VMs a test adds. */
    private static final class Lab implements PlacementInventory {
        private final List<Host> hosts = new ArrayList<>();
        private final List<VirtualMachine> vms = new ArrayList<>();

        Lab() {
            for (String name : List.of("esx-a", "esx-b", "esx-c", "esx-far")) {
                hosts.add(new Host("host-" + name, "vc", name, Platform.VSPHERE, HypervisorKind.ESXI, null, null, null,
                        null, null, null, null, null, null, Map.of()));
            }
        }

        void vm(String name, String hostName, String network, Map<String, String> labels) {
            String id = "vm-" + name;
            VirtualNic nic = new VirtualNic(id + "/nic0", id, "00:50:56:00:00:0" + vms.size(), NicAttachment.NETWORK,
                    network, null, null, null, null, "vmxnet3", null, null, Collected.of(List.of()), true);
            VirtualMachine.Builder b = VirtualMachine.builder(id, name).hostId("host-" + hostName)
                    .powerState(PowerState.RUNNING).addNic(nic);
            labels.forEach(b::label);
            vms.add(b.build());
        }

        @Override
        public Optional<VirtualMachine> vm(String vmId) {
            return vms.stream().filter(v -> v.id().equals(vmId)).findFirst();
        }

        @Override
        public Optional<Host> host(String idOrName) {
            return hosts.stream().filter(h -> h.id().equals(idOrName) || h.name().equals(idOrName)).findFirst();
        }

        @Override
        public List<VirtualMachine> vmsOn(String hostId) {
            return vms.stream().filter(v -> hostId.equals(v.hostId())).toList();
        }

        @Override
        public List<Network> networks() {
            return List.of();
        }
    }
}

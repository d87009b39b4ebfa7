package org.virtguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.libvirt.LibvirtDirectoryConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;
import org.virtguard.spi.SourceSpec;

/** The lab zone policy on the libvirt lab, before and after the day-two change that moves web01 into the DMZ. */
class LabZonePolicyTest {

    private static Inventory lab;
    private static ZonePolicy policy;
    private static List<CompiledCheck> checks;

    @BeforeAll
    static void load() throws Exception {
        TestEnvironment.requireLab();
        policy = ZonePolicyLoader.load(TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"));
        List<Host> hosts = new ArrayList<>();
        List<VirtualMachine> vms = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        for (String host : List.of("host-a", "host-b", "host-c")) {
            try (LibvirtDirectoryConnector c = LibvirtDirectoryConnector.open(
                    new SourceSpec(host, TestEnvironment.labDirectoryUri(host), Map.of("name", host)))) {
                InventorySnapshot s = c.collect();
                hosts.addAll(s.hosts());
                vms.addAll(s.vms());
                networks.addAll(s.networks());
            }
        }
        lab = new Inventory(hosts, vms, networks);
        checks = CheckCatalog.builtIn().checks().stream().filter(c -> c.id().startsWith("zone-")).toList();
    }

    private static Map<String, CheckStatus> statuses(Inventory inventory, String checkId) {
        Evaluator e = new Evaluator(checks, policy, List.of(), Map.of(), Clock.systemUTC());
        Map<String, CheckStatus> out = new HashMap<>();
        for (Finding f : e.evaluate(inventory, s -> true).findings()) {
            if (f.checkId().equals(checkId)) {
                out.put(f.resource().name(), f.status());
            }
        }
        return out;
    }

    /** The same change as {@code DayTwoScenario}: web01's vNIC moves from 'default' to 'dmz'. */
    private static Inventory web01MovedToDmz() {
        List<VirtualMachine> vms = new ArrayList<>();
        for (VirtualMachine vm : lab.vms()) {
            if (vm.name().equals("web01")) {
                List<VirtualNic> nics = new ArrayList<>();
                for (VirtualNic n : vm.nics()) {
                    nics.add("default".equals(n.networkName()) ? new VirtualNic(n.id(), n.vmId(), n.mac(), n.attachment(),
                            "dmz", n.switchName(), n.sourceDevice(), n.sourceMode(), n.vlan(), n.model(), n.targetDevice(),
                            n.filter(), n.ipAddresses(), n.connected()) : n);
                }
                vm = vm.toBuilder().nics(nics).build();
            }
            vms.add(vm);
        }
        return new Inventory(lab.hosts(), vms, lab.networks());
    }

    @Test
    void web01MovedIntoTheDmzIsFlagged() {
        assertThat(statuses(lab, "zone-nic-not-allowed")).containsEntry("web01", CheckStatus.PASS);
        assertThat(statuses(web01MovedToDmz(), "zone-nic-not-allowed")).containsEntry("web01", CheckStatus.FAIL);
    }

    @Test
    void mixedTrustHostIsFlagged() {
        Map<String, CheckStatus> hosts = statuses(lab, "zone-mixed-trust-host");
        assertThat(hosts.entrySet()).anySatisfy(e -> assertThat(e.getValue()).isEqualTo(CheckStatus.FAIL));
        assertThat(hosts).as("host-a runs web01 (internal) next to web02 (dmz)")
                .hasEntrySatisfying(hostAName(), s -> assertThat(s).isEqualTo(CheckStatus.FAIL));
    }

    @Test
    void antiAffinityViolationIsFlagged() {
        assertThat(statuses(lab, "zone-anti-affinity"))
                .hasEntrySatisfying(hostAName(), s -> assertThat(s).isEqualTo(CheckStatus.FAIL));
        assertThat(statuses(lab, "zone-anti-affinity").values()).contains(CheckStatus.PASS);
    }

    @Test
    void zoneResolverPutsLabNetworksInTheirZones() {
        VirtualMachine web02 = lab.vms().stream().filter(v -> v.name().equals("web02")).findFirst().orElseThrow();
        assertThat(policy.zoneOf(web02, web02.nics().get(0))).hasValueSatisfying(z -> assertThat(z.name()).isEqualTo("dmz"));
        assertThat(policy.zoneOfAddress("10.1.2.3")).isEmpty();
    }

    private static String hostAName() {
        return lab.hosts().stream().filter(h -> h.sourceId().equals("host-a")).findFirst().orElseThrow().name();
    }
}

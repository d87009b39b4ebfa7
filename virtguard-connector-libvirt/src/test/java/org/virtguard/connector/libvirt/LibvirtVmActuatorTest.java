package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * Response actions against libvirt's test driver on lab host-a (every connection gets its own in-memory copy of
 * the lab). Each test acts through the connector's actuator and checks the hypervisor's state by reading the VM
 * back through the same connector.
 */
class LibvirtVmActuatorTest {

    private static final String WEB01 = "ccb825f4-b455-40c9-b886-da41fd809136";
    private static final String WEB02 = "714cf9ad-5676-4e34-a291-5637dab887ec";
    private static final String JUMP01 = "e2534bf4-2e8e-4c4b-acb3-c6bf94a9fac6";
    private static final String BUILD01 = "a0173e21-7d93-4a4a-983b-22d7870709a7";
    private static final String TEMPLATE = """
            <domain type='test'>
              <name>golden-web</name>
              <memory unit='MiB'>1024</memory>
              <vcpu>2</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
              <devices>
                <interface type='network'>
                  <mac address='52:54:00:77:00:01'/>
                  <source network='default'/>
                  <model type='e1000'/>
                </interface>
              </devices>
            </domain>""";

    @Test
    void quarantineMovesEveryNicOfARunningVmAndReleasePutsThemBack() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            VmAction.Quarantine quarantine = new VmAction.Quarantine(JUMP01, "quarantine");

            VmActuator.Plan plan = actuator.plan(quarantine);
            assertThat(plan.steps()).contains(
                    "NIC 52:54:00:1a:00:03: direct eno1 -> network quarantine",
                    "NIC 52:54:00:1a:00:04: network mgmt -> quarantine");
            assertThat(plan.steps()).anySatisfy(s -> assertThat(s).startsWith("restart VM jump01"));

            VmActuator.Outcome done = actuator.execute(quarantine);
            VirtualMachine after = connector.collectVm(JUMP01).orElseThrow();
            assertThat(after.nics()).extracting(VirtualNic::attachment)
                    .containsExactly(NicAttachment.NETWORK, NicAttachment.NETWORK);
            assertThat(after.nics()).extracting(VirtualNic::networkName).containsExactly("quarantine", "quarantine");
            assertThat(after.nics()).extracting(VirtualNic::mac)
                    .containsExactly("52:54:00:1a:00:03", "52:54:00:1a:00:04");
            assertThat(after.powerState()).as("the VM keeps running").isEqualTo(PowerState.RUNNING);
            assertThat(done.vmAfter()).contains(after);
            assertThat(done.steps()).contains("NIC 52:54:00:1a:00:04: network mgmt -> quarantine (config)",
                    "destroy VM jump01 to apply its new config", "start VM jump01");
            assertThat(connector.collect().vms()).filteredOn(v -> v.name().equals("jump01")).containsExactly(after);

            VmActuator.Outcome released = actuator.execute(new VmAction.Release(JUMP01,
                    Map.of("52:54:00:1A:00:04", "mgmt", "52:54:00:1a:00:03", "default")));
            VirtualMachine back = connector.collectVm(JUMP01).orElseThrow();
            assertThat(back.nics()).extracting(VirtualNic::networkName).containsExactly("default", "mgmt");
            assertThat(back.nics().get(1).filter().name()).as("the filter stays on the NIC")
                    .isEqualTo("no-mac-spoofing");
            assertThat(back.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(released.vmAfter()).contains(back);
        }
    }

    @Test
    void quarantineOfAStoppedVmChangesItsConfigAndLeavesItOff() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            VmAction.Quarantine quarantine = new VmAction.Quarantine(BUILD01, "quarantine");
            assertThat(actuator.plan(quarantine).steps()).noneSatisfy(s -> assertThat(s).contains("restart"));

            actuator.execute(quarantine);
            VirtualMachine after = connector.collectVm(BUILD01).orElseThrow();
            assertThat(after.powerState()).isEqualTo(PowerState.OFF);
            assertThat(after.nics()).isNotEmpty().allSatisfy(n -> assertThat(n.networkName()).isEqualTo("quarantine"));

            assertThat(actuator.execute(quarantine).steps()).as("a second quarantine has nothing left to do").isEmpty();
            assertThat(actuator.plan(quarantine).steps()).contains("nothing to change on VM build01");
        }
    }

    @Test
    void plansChangeNothing() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            Domain web01 = connector.connection().domainLookupByUUIDString(WEB01);
            web01.snapshotCreateXML("<domainsnapshot><name>before</name></domainsnapshot>");
            connector.connection().domainDefineXML(TEMPLATE);
            InventorySnapshot before = connector.collect();

            List<VmAction> actions = List.of(
                    new VmAction.Quarantine(WEB01, "quarantine"),
                    new VmAction.Release(JUMP01, Map.of("52:54:00:1a:00:03", "dmz")),
                    new VmAction.PowerOff(WEB02),
                    new VmAction.RevertToSnapshot(WEB01, "before"),
                    new VmAction.Redeploy(WEB01, "golden-web", List.of("mgmt"), "web01-retired"));
            for (VmAction a : actions) {
                assertThat(actuator.plan(a).steps()).as(a.kind()).isNotEmpty();
            }

            InventorySnapshot after = connector.collect();
            assertThat(after.vms()).isEqualTo(before.vms());
            assertThat(after.networks()).isEqualTo(before.networks());
            assertThat(web01.snapshotListNames()).containsExactly("before");
        }
    }

    @Test
    void unknownNetworkIsNotFoundAndTheVmIsUnchanged() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            VirtualMachine before = connector.collectVm(WEB01).orElseThrow();
            VmAction.Quarantine toNowhere = new VmAction.Quarantine(WEB01, "isolation-7");

            for (ConnectorException e : List.of(
                    catchThrowableOfType(ConnectorException.class, () -> actuator.plan(toNowhere)),
                    catchThrowableOfType(ConnectorException.class, () -> actuator.execute(toNowhere)))) {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                assertThat(e.getMessage()).contains("network isolation-7 not found").doesNotContain("\n");
                assertThat(e.sourceId()).isEqualTo("lab-host-a");
            }
            ConnectorException release = catchThrowableOfType(ConnectorException.class, () -> actuator.execute(
                    new VmAction.Release(WEB01, Map.of("52:54:00:1a:00:01", "default", "52:54:00:ff:ff:ff", "dmz"))));
            assertThat(release.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(release.getMessage()).contains("VM web01 has no NIC with MAC 52:54:00:ff:ff:ff",
                    "its NICs: 52:54:00:1a:00:01");
            ConnectorException noVm = catchThrowableOfType(ConnectorException.class,
                    () -> actuator.plan(new VmAction.PowerOff("00000000-0000-0000-0000-000000000001")));
            assertThat(noVm.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(noVm.getMessage()).contains("VM 00000000-0000-0000-0000-000000000001 not found");

            assertThat(connector.collectVm(WEB01)).contains(before);
        }
    }

    @Test
    void powerOffStopsTheVmHard() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            VmAction.PowerOff off = new VmAction.PowerOff(WEB02);
            assertThat(actuator.plan(off).steps()).containsExactly("power off VM web02 (destroy: hard, no guest shutdown)");

            VmActuator.Outcome done = actuator.execute(off);
            assertThat(connector.collectVm(WEB02).orElseThrow().powerState()).isEqualTo(PowerState.OFF);
            assertThat(done.vmAfter().orElseThrow().powerState()).isEqualTo(PowerState.OFF);
            assertThat(connector.collectVm(WEB01).orElseThrow().powerState()).as("only web02")
                    .isEqualTo(PowerState.RUNNING);

            assertThat(actuator.execute(off).steps()).containsExactly("VM web02 is already off: nothing to do");
        }
    }

    @Test
    void revertToSnapshotRestoresStateAndNetworks() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            Connect c = connector.connection();
            c.domainLookupByUUIDString(WEB01).snapshotCreateXML("<domainsnapshot><name>before</name></domainsnapshot>");
            actuator.execute(new VmAction.Quarantine(WEB01, "quarantine"));
            actuator.execute(new VmAction.PowerOff(WEB01));
            VirtualMachine changed = connector.collectVm(WEB01).orElseThrow();
            assertThat(changed.powerState()).isEqualTo(PowerState.OFF);
            assertThat(changed.nics().get(0).networkName()).isEqualTo("quarantine");

            VmAction.RevertToSnapshot revert = new VmAction.RevertToSnapshot(WEB01, "before");
            assertThat(actuator.plan(revert).steps()).singleElement().asString()
                    .startsWith("revert VM web01 to snapshot before (taken ").contains("VM then running");
            VmActuator.Outcome done = actuator.execute(revert);

            VirtualMachine reverted = connector.collectVm(WEB01).orElseThrow();
            assertThat(reverted.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(reverted.nics().get(0).networkName()).isEqualTo("default");
            assertThat(done.vmAfter()).contains(reverted);
        }
    }

    @Test
    void unknownSnapshotIsNotFoundListingTheOnesThatExist() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            Domain web01 = connector.connection().domainLookupByUUIDString(WEB01);
            VmAction.RevertToSnapshot revert = new VmAction.RevertToSnapshot(WEB01, "golden");

            ConnectorException none = catchThrowableOfType(ConnectorException.class, () -> actuator.plan(revert));
            assertThat(none.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(none.getMessage()).contains("VM web01 has no snapshot golden (it has none)");

            web01.snapshotCreateXML("<domainsnapshot><name>patch-day</name></domainsnapshot>");
            web01.snapshotCreateXML("<domainsnapshot><name>after-install</name></domainsnapshot>");
            VirtualMachine before = connector.collectVm(WEB01).orElseThrow();
            ConnectorException some = catchThrowableOfType(ConnectorException.class, () -> actuator.execute(revert));
            assertThat(some.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(some.getMessage()).contains("no snapshot golden (its snapshots: after-install, patch-day)");
            assertThat(connector.collectVm(WEB01)).contains(before);
        }
    }

    @Test
    void redeployRetiresTheOldVmAndStartsAFreshOneFromTheTemplate() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            connector.connection().domainDefineXML(TEMPLATE);
            connector.connection().domainLookupByUUIDString(WEB01)
                    .snapshotCreateXML("<domainsnapshot><name>before</name></domainsnapshot>");
            VmAction.Redeploy redeploy = new VmAction.Redeploy(WEB01, "golden-web", List.of("mgmt", "dmz"),
                    "web01-retired");

            assertThat(actuator.plan(redeploy).steps()).containsExactly(
                    "power off VM web01 (destroy)",
                    "rename VM web01 to web01-retired (define a copy with a fresh UUID, undefine the original);"
                            + " autostart off; its 1 snapshot record(s) are not carried over",
                    "define a new VM web01 from template golden-web with a fresh UUID; its metadata records the"
                            + " template and the deploy time (template updated at an unknown time)",
                    "NIC 1: network mgmt, fresh MAC",
                    "NIC 2: network dmz, fresh MAC (added to the template's NICs)",
                    "start the new VM web01");
            VmActuator.Outcome done = actuator.execute(redeploy);

            VirtualMachine fresh = done.vmAfter().orElseThrow();
            assertThat(fresh.name()).isEqualTo("web01");
            assertThat(fresh.id()).isNotEqualTo(WEB01);
            assertThat(fresh.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(fresh.nics()).extracting(VirtualNic::networkName).containsExactly("mgmt", "dmz");
            assertThat(fresh.nics()).extracting(VirtualNic::model).containsExactly("e1000", "e1000");
            assertThat(fresh.nics()).extracting(VirtualNic::mac)
                    .doesNotContainNull().doesNotHaveDuplicates()
                    .doesNotContain("52:54:00:1a:00:01", "52:54:00:77:00:01");
            assertThat(connector.collectVm(fresh.id())).contains(fresh);
            assertThat(connector.collectVm(WEB01)).as("the old UUID is gone").isEmpty();
            assertThat(fresh.settings().get("vm.deployedFrom").value()).isEqualTo("golden-web");
            assertThat(fresh.settings()).as("the template has no update mark")
                    .doesNotContainKey("vm.deployedFromTemplateUpdatedAt");

            InventorySnapshot s = connector.collect();
            VirtualMachine retired = LibvirtTestSupport.vm(s, "web01-retired");
            assertThat(retired.powerState()).isEqualTo(PowerState.OFF);
            assertThat(retired.id()).isNotIn(WEB01, fresh.id());
            assertThat(retired.nics()).singleElement().satisfies(n -> {
                assertThat(n.mac()).isEqualTo("52:54:00:1a:00:01");
                assertThat(n.networkName()).isEqualTo("default");
            });
            assertThat(retired.consoles().get(0).passwordSet().value()).as("console password kept").isTrue();
            assertThat(LibvirtTestSupport.vm(s, "golden-web").powerState()).isEqualTo(PowerState.OFF);
            assertThat(done.steps()).hasSize(6).contains("NIC 2: network dmz, fresh MAC (added to the template's NICs)")
                    .last().isEqualTo("start the new VM web01");
        }
    }

    @Test
    void redeployRecordsTheTemplateAndItsAgeInTheNewVm() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            connector.connection().domainDefineXML(TEMPLATE.replace("<devices>", """
                    <metadata>
                      <vg:template xmlns:vg='https://virtguard.org/xmlns/template/1' updated='2026-05-01T00:00:00Z'/>
                    </metadata>
                    <devices>"""));
            VirtualMachine template = LibvirtTestSupport.vm(connector.collect(), "golden-web");
            assertThat(template.template()).isTrue();
            assertThat(template.settings().get("vm.templateUpdatedAt").value()).isEqualTo("2026-05-01T00:00:00Z");
            VmAction.Redeploy redeploy = new VmAction.Redeploy(WEB02, "golden-web", List.of("default"),
                    "web02-retired");
            assertThat(actuator.plan(redeploy).steps()).contains("define a new VM web02 from template golden-web"
                    + " with a fresh UUID; its metadata records the template and the deploy time (template updated"
                    + " 2026-05-01T00:00:00Z)");

            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            VmActuator.Outcome done = actuator.execute(redeploy);
            Instant after = Instant.now();

            VirtualMachine fresh = connector.collectVm(done.vmAfter().orElseThrow().id()).orElseThrow();
            assertThat(fresh.template()).as("the template mark is not copied").isFalse();
            assertThat(fresh.settings()).doesNotContainKey("vm.templateUpdatedAt");
            assertThat(fresh.settings().get("vm.deployedFrom").value()).isEqualTo("golden-web");
            assertThat(fresh.settings().get("vm.deployedFromTemplateUpdatedAt").value())
                    .isEqualTo("2026-05-01T00:00:00Z");
            assertThat(Instant.parse(fresh.settings().get("vm.deployedAt").value())).isBetween(before, after);
            assertThat(done.steps()).anySatisfy(s -> assertThat(s).startsWith("define a new VM web02")
                    .endsWith("(template updated 2026-05-01T00:00:00Z)"));
            VirtualMachine retired = LibvirtTestSupport.vm(connector.collect(), "web02-retired");
            assertThat(retired.settings()).doesNotContainKey("vm.deployedFrom");
            assertThat(LibvirtTestSupport.vm(connector.collect(), "golden-web").template()).isTrue();
        }
    }

    @Test
    void redeployRefusesAMissingTemplateOrATakenRetiredName() throws Exception {
        try (LibvirtConnector connector = LibvirtTestSupport.openLab("host-a")) {
            VmActuator actuator = connector.actuator().orElseThrow();
            VirtualMachine before = connector.collectVm(WEB01).orElseThrow();

            ConnectorException noTemplate = catchThrowableOfType(ConnectorException.class, () -> actuator.execute(
                    new VmAction.Redeploy(WEB01, "golden-db", List.of("default"), "web01-old")));
            assertThat(noTemplate.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(noTemplate.getMessage()).contains("template domain golden-db not found");

            connector.connection().domainDefineXML(TEMPLATE);
            ConnectorException taken = catchThrowableOfType(ConnectorException.class, () -> actuator.execute(
                    new VmAction.Redeploy(WEB01, "golden-web", List.of("default"), "web02")));
            assertThat(taken.code()).isEqualTo(ErrorCode.ACTION_FAILED);
            assertThat(taken.getMessage()).contains("cannot retire VM web01 as web02: a domain with that name exists");

            ConnectorException running = catchThrowableOfType(ConnectorException.class, () -> actuator.plan(
                    new VmAction.Redeploy(WEB01, "web02", List.of("default"), "web01-old")));
            assertThat(running.code()).isEqualTo(ErrorCode.ACTION_FAILED);
            assertThat(running.getMessage()).contains("template web02 is running");

            ConnectorException noNetwork = catchThrowableOfType(ConnectorException.class, () -> actuator.plan(
                    new VmAction.Redeploy(WEB01, "golden-web", List.of("default", "vlan-999"), "web01-old")));
            assertThat(noNetwork.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(noNetwork.getMessage()).contains("network vlan-999 not found");

            assertThat(connector.collectVm(WEB01)).contains(before);
            assertThat(connector.collect().vms()).extracting(VirtualMachine::name).doesNotContain("web01-old");
        }
    }

    @Test
    void readOnlyAndOfflineSourcesOfferNoActuator() throws Exception {
        LibvirtTestSupport.requireLibvirt();
        try (LibvirtConnector readOnly = LibvirtConnector.open(
                LibvirtTestSupport.labSpec("host-a", Map.of("read-only", "true")), Credentials.none())) {
            assertThat(readOnly.actuator()).isEmpty();
        }
        try (var offline = new LibvirtConnectorFactory().open(
                new org.virtguard.spi.SourceSpec("dir", TestEnvironment.labDirectoryUri("host-a"), Map.of()),
                Credentials.none())) {
            assertThat(offline.actuator()).isEmpty();
        }
    }
}

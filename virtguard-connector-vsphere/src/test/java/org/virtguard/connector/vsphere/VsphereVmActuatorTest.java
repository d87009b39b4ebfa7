package org.virtguard.connector.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.vsphere.vcsim.TestCredentials;
import org.virtguard.connector.vsphere.vcsim.VcsimServer;
import org.virtguard.connector.vsphere.vcsim.VcsimVmControl;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.NicAttachment;
import org.virtguard.model.PowerState;
import org.virtguard.model.Snapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * Carries out every action against vcsim and checks the simulator's state afterwards through the connector's
 * own {@code collectVm}. Each test works on VMs of its own, so they share one simulator.
 */
class VsphereVmActuatorTest {

    private static final String DVPG = "DC0_DVPG0";
    private static final String STANDARD_PG = "VM Network";

    private static VcsimServer vcsim;
    private static VcsimVmControl control;
    private static InventoryConnector connector;
    private static VmActuator actuator;

    @BeforeAll
    static void start() throws Exception {
        vcsim = VcsimServer.start(2, 1, 4);
        control = new VcsimVmControl(vcsim);
        connector = new VsphereConnectorFactory().open(new SourceSpec("vc-act", vcsim.sourceUri(),
                Map.of("thumbprint", vcsim.sha256Thumbprint())), new TestCredentials(null, vcsim.password()));
        actuator = connector.actuator().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        if (control != null) {
            control.close();
        }
        if (vcsim != null) {
            vcsim.close();
        }
    }

    private static String idOf(String vmName) throws Exception {
        String uuid = control.one(control.vm(vmName), "config.instanceUuid").text("config.instanceUuid");
        return uuid.toLowerCase(java.util.Locale.ROOT);
    }

    private static VirtualMachine read(String vmId) throws ConnectorException {
        return connector.collectVm(vmId).orElseThrow();
    }

    private static Map<String, String> networksByMac(VirtualMachine vm) {
        return vm.nics().stream().collect(Collectors.toMap(VirtualNic::mac, VirtualNic::networkName));
    }

    @Test
    void quarantineMovesEveryNicToTheDvPortGroupAndReleasePutsThemBack() throws Exception {
        String id = idOf("DC0_C0_RP0_VM0");
        Map<String, String> onDvpg = networksByMac(read(id));
        assertThat(onDvpg).isNotEmpty().containsValue(DVPG);
        Map<String, String> standard = onDvpg.keySet().stream().collect(Collectors.toMap(m -> m, m -> STANDARD_PG));

        actuator.execute(new VmAction.Release(id, standard));
        VirtualMachine before = read(id);
        assertThat(networksByMac(before)).isEqualTo(standard);
        assertThat(before.nics()).allSatisfy(n -> assertThat(n.attachment()).isEqualTo(NicAttachment.STANDARD_PORT_GROUP));

        VmActuator.Plan plan = actuator.plan(new VmAction.Quarantine(id, DVPG));
        assertThat(plan.steps()).hasSize(standard.size()).allSatisfy(s -> assertThat(s).contains("-> '" + DVPG + "'"));
        assertThat(plan.steps().get(0)).isEqualTo("NIC " + before.nics().get(0).mac() + ": port group '"
                + STANDARD_PG + "' -> '" + DVPG + "'");
        assertThat(networksByMac(read(id))).isEqualTo(standard);

        VmActuator.Outcome quarantined = actuator.execute(new VmAction.Quarantine(id, DVPG));
        assertThat(quarantined.steps()).isEqualTo(plan.steps());
        VirtualMachine after = read(id);
        assertThat(after.nics()).hasSize(standard.size()).allSatisfy(n -> {
            assertThat(n.networkName()).isEqualTo(DVPG);
            assertThat(n.attachment()).isEqualTo(NicAttachment.DISTRIBUTED_PORT_GROUP);
        });
        assertThat(networksByMac(after).keySet()).isEqualTo(standard.keySet());
        assertThat(networksByMac(quarantined.vmAfter().orElseThrow())).isEqualTo(networksByMac(after));
        assertThat(after.powerState()).isEqualTo(before.powerState());

        assertThat(actuator.plan(new VmAction.Quarantine(id, DVPG)).steps())
                .allSatisfy(s -> assertThat(s).contains("already on port group"));

        VmActuator.Outcome released = actuator.execute(new VmAction.Release(id, standard));
        assertThat(released.steps()).allSatisfy(s -> assertThat(s).contains("'" + DVPG + "' -> '" + STANDARD_PG + "'"));
        VirtualMachine back = read(id);
        assertThat(networksByMac(back)).isEqualTo(standard);
        assertThat(back.nics()).allSatisfy(n -> assertThat(n.attachment()).isEqualTo(NicAttachment.STANDARD_PORT_GROUP));
    }

    @Test
    void quarantineOntoAStandardPortGroupWhoseNameNeedsXmlEscaping() throws Exception {
        String portGroup = "q&<quarantine>\"'";
        control.addStandardPortGroup("DC0_H0", portGroup);
        String id = idOf("DC0_H0_VM1");

        VmActuator.Outcome done = actuator.execute(new VmAction.Quarantine(id, portGroup));

        assertThat(done.steps()).isNotEmpty();
        assertThat(read(id).nics()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.networkName()).isEqualTo(portGroup);
            assertThat(n.attachment()).isEqualTo(NicAttachment.STANDARD_PORT_GROUP);
        });
    }

    @Test
    void anUnknownPortGroupIsNotFoundAndChangesNothing() throws Exception {
        String id = idOf("DC0_H0_VM2");
        Map<String, String> original = networksByMac(read(id));

        ConnectorException planned = catchThrowableOfType(ConnectorException.class,
                () -> actuator.plan(new VmAction.Quarantine(id, "no-such-pg")));
        ConnectorException executed = catchThrowableOfType(ConnectorException.class,
                () -> actuator.execute(new VmAction.Quarantine(id, "no-such-pg")));

        for (ConnectorException e : List.of(planned, executed)) {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.getMessage()).contains("port group 'no-such-pg'").contains("DC0_H0_VM2")
                    .doesNotContain("\n").doesNotContain(vcsim.password());
        }
        assertThat(networksByMac(read(id))).isEqualTo(original);

        ConnectorException unknownMac = catchThrowableOfType(ConnectorException.class,
                () -> actuator.execute(new VmAction.Release(id, Map.of("00:00:00:00:00:01", DVPG))));
        assertThat(unknownMac.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(unknownMac.getMessage()).contains("00:00:00:00:00:01");

        ConnectorException unknownVm = catchThrowableOfType(ConnectorException.class,
                () -> actuator.plan(new VmAction.PowerOff("00000000-0000-0000-0000-000000000000")));
        assertThat(unknownVm.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(networksByMac(read(id))).isEqualTo(original);
    }

    @Test
    void powerOffStopsARunningVmAndIsANoOpOnAStoppedOne() throws Exception {
        control.powerOn("DC0_H0_VM0");
        String id = idOf("DC0_H0_VM0");

        assertThat(actuator.plan(new VmAction.PowerOff(id)).steps()).singleElement().asString()
                .startsWith("power off VM 'DC0_H0_VM0'");
        assertThat(read(id).powerState()).isEqualTo(PowerState.RUNNING);

        VmActuator.Outcome off = actuator.execute(new VmAction.PowerOff(id));
        assertThat(off.vmAfter().orElseThrow().powerState()).isEqualTo(PowerState.OFF);
        assertThat(read(id).powerState()).isEqualTo(PowerState.OFF);
        assertThat(control.powerState("DC0_H0_VM0")).isEqualTo("poweredOff");

        assertThat(actuator.plan(new VmAction.PowerOff(id)).steps()).singleElement().asString()
                .contains("already powered off");
        assertThat(actuator.execute(new VmAction.PowerOff(id)).vmAfter().orElseThrow().powerState())
                .isEqualTo(PowerState.OFF);
    }

    @Test
    void revertMakesTheNamedSnapshotCurrentAndAnUnknownOneIsNotFound() throws Exception {
        control.createSnapshot("DC0_C0_RP0_VM3", "baseline");
        control.createSnapshot("DC0_C0_RP0_VM3", "after-patch");
        String id = idOf("DC0_C0_RP0_VM3");
        assertThat(current(read(id))).isEqualTo("after-patch");

        assertThat(actuator.plan(new VmAction.RevertToSnapshot(id, "baseline")).steps()).singleElement().asString()
                .contains("snapshot 'baseline'");
        assertThat(current(read(id))).isEqualTo("after-patch");

        VmActuator.Outcome done = actuator.execute(new VmAction.RevertToSnapshot(id, "baseline"));
        assertThat(current(done.vmAfter().orElseThrow())).isEqualTo("baseline");
        assertThat(current(read(id))).isEqualTo("baseline");

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> actuator.execute(new VmAction.RevertToSnapshot(id, "golden")));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).contains("snapshot 'golden'").contains("'baseline'").contains("'after-patch'")
                .contains("DC0_C0_RP0_VM3");
        assertThat(current(read(id))).isEqualTo("baseline");
    }

    private static String current(VirtualMachine vm) {
        return vm.snapshots().stream().filter(Snapshot::current).map(Snapshot::name).findFirst().orElse(null);
    }

    @Test
    void redeployReplacesTheVmByAFreshCloneOnTheOldPortGroupsAndKeepsTheOldOneRetired() throws Exception {
        control.powerOff("DC0_C0_RP0_VM2");
        control.rename("DC0_C0_RP0_VM2", "golden-web");
        control.markAsTemplate("golden-web");
        VirtualMachine template = connector.collect().vms().stream().filter(v -> v.name().equals("golden-web"))
                .findFirst().orElseThrow();
        assertThat(template.template()).isTrue();
        String templateUpdated = template.settings().get("vm.templateUpdatedAt").value();
        assertThat(Instant.parse(templateUpdated)).as("vcsim's config.modified: when the VM was created")
                .isBetween(Instant.now().minus(Duration.ofHours(1)), Instant.now());
        String name = "DC0_C0_RP0_VM1";
        control.powerOn(name);
        String oldId = idOf(name);
        VirtualMachine old = read(oldId);
        List<String> networks = List.of(STANDARD_PG, DVPG);
        VmAction.Redeploy redeploy = new VmAction.Redeploy(oldId, "golden-web", networks, name + "-retired");

        VmActuator.Plan plan = actuator.plan(redeploy);
        assertThat(plan.steps()).first().asString().startsWith("power off VM '" + name + "'");
        assertThat(plan.steps()).anySatisfy(s -> assertThat(s).startsWith("rename VM '" + name + "' to '"
                + name + "-retired'"));
        assertThat(plan.steps()).anySatisfy(s -> assertThat(s).startsWith("clone template 'golden-web'"));
        assertThat(plan.steps()).last().asString().isEqualTo("power on new VM '" + name + "'");
        assertThat(read(oldId).name()).isEqualTo(name);
        assertThat(read(oldId).powerState()).isEqualTo(PowerState.RUNNING);

        assertThat(plan.steps()).contains("reconfigure new VM '" + name + "': NICs as follows, and its provenance in"
                + " extraConfig (guestinfo.virtguard.deployedFrom 'golden-web', template updated " + templateUpdated
                + ", deploy time)");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        VmActuator.Outcome done = actuator.execute(redeploy);
        Instant after = Instant.now();

        assertThat(done.steps()).isEqualTo(plan.steps());
        VirtualMachine fresh = done.vmAfter().orElseThrow();
        assertThat(fresh.id()).isNotEqualTo(oldId);
        VirtualMachine reread = read(fresh.id());
        assertThat(reread.name()).isEqualTo(name);
        assertThat(reread.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(reread.template()).isFalse();
        assertThat(reread.nics()).extracting(VirtualNic::networkName).containsExactlyElementsOf(networks);
        assertThat(reread.settings().get("vm.deployedFrom").value()).isEqualTo("golden-web");
        assertThat(reread.settings().get("vm.deployedFromTemplateUpdatedAt").value()).isEqualTo(templateUpdated);
        assertThat(Instant.parse(reread.settings().get("vm.deployedAt").value())).isBetween(before, after);
        assertThat(reread.settings()).as("only templates carry their own update time")
                .doesNotContainKey("vm.templateUpdatedAt");
        VirtualMachine retired = read(oldId);
        assertThat(retired.name()).isEqualTo(name + "-retired");
        assertThat(retired.powerState()).isEqualTo(PowerState.OFF);
        assertThat(networksByMac(retired)).isEqualTo(networksByMac(old));
        assertThat(retired.settings()).doesNotContainKey("vm.deployedFrom");
    }

    @Test
    void redeployFromAnUnknownTemplateIsNotFoundAndLeavesTheVmAlone() throws Exception {
        String name = "DC0_H0_VM3";
        control.powerOn(name);
        String id = idOf(name);

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> actuator.execute(
                new VmAction.Redeploy(id, "no-such-template", List.of(STANDARD_PG), name + "-old")));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).contains("template 'no-such-template'").contains(name)
                .contains("nothing was changed");
        VirtualMachine vm = read(id);
        assertThat(vm.name()).isEqualTo(name);
        assertThat(vm.powerState()).isEqualTo(PowerState.RUNNING);
    }

    @Test
    void aFailedTaskIsActionFailedNamingTheVmTheTaskAndTheStepsDone() throws Exception {
        String name = "DC0_H0_VM2";
        control.powerOn(name);
        control.createFolderBeside(name, "taken-name");
        String id = idOf(name);
        assertThat(actuator.plan(new VmAction.Redeploy(id, "DC0_H0_VM0", List.of(STANDARD_PG), "taken-name"))
                .steps()).isNotEmpty();

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> actuator.execute(
                new VmAction.Redeploy(id, "DC0_H0_VM0", List.of(STANDARD_PG), "taken-name")));

        assertThat(e.code()).isEqualTo(ErrorCode.ACTION_FAILED);
        assertThat(e.getMessage()).contains("Rename_Task on VM '" + name + "' failed")
                .contains("steps done: power off VM '" + name + "'").doesNotContain("\n");
        VirtualMachine vm = read(id);
        assertThat(vm.name()).isEqualTo(name);
        assertThat(vm.powerState()).isEqualTo(PowerState.OFF);
    }
}

package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.PowerState;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;

/**
 * Guarded response on a running real QEMU guest, through the connector's actuator as the response service uses it
 * (plan, then execute): quarantine moves both vNICs to an isolated quarantine network live, without a restart,
 * release puts them back, power off stops the guest. Every result is checked against libvirt's own XML.
 */
class QemuResponseTest {

    private static final int XML_INACTIVE = 2;

    @Test
    void quarantineReleaseAndPowerOffARunningGuest() throws Exception {
        try (QemuHost qemu = QemuHost.require("resp");
             LibvirtConnector connector = qemu.openConnector("qemu-response", Map.of())) {
            String prod = qemu.isolatedNetwork("prod");
            String jail = qemu.isolatedNetwork("jail");
            QemuHost.Guest g = qemu.define("vm", prod, prod);
            qemu.start(g);
            int qemuDomainId = qemu.run(c -> c.domainLookupByName(g.name()).getID());
            VmActuator actuator = connector.actuator().orElseThrow();

            VmAction.Quarantine quarantine = new VmAction.Quarantine(g.uuid(), jail);
            VmActuator.Plan plan = actuator.plan(quarantine);
            assertThat(plan.steps()).contains(
                    "NIC " + g.macs().get(0) + ": network " + prod + " -> " + jail,
                    "NIC " + g.macs().get(1) + ": network " + prod + " -> " + jail);
            assertThat(plan.steps()).noneMatch(s -> s.contains("restart") || s.contains("destroy"));

            VmActuator.Outcome done = actuator.execute(quarantine);
            VirtualMachine after = done.vmAfter().orElseThrow();
            assertThat(after.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(after.nics()).extracting(VirtualNic::networkName).containsExactly(jail, jail);
            assertThat(after.nics()).extracting(VirtualNic::mac).containsExactlyElementsOf(g.macs());
            int idAfter = qemu.run(c -> c.domainLookupByName(g.name()).getID());
            assertThat(idAfter)
                    .as("the same QEMU process: moved live, not restarted").isEqualTo(qemuDomainId);
            assertNicsOn(qemu, g, jail, prod);
            assertThat(connector.collectVm(g.uuid()).orElseThrow()).isEqualTo(after);

            VmActuator.Outcome released = actuator.execute(new VmAction.Release(g.uuid(),
                    Map.of(g.macs().get(0), prod, g.macs().get(1).toUpperCase(Locale.ROOT), prod)));
            assertThat(released.vmAfter().orElseThrow().nics()).extracting(VirtualNic::networkName)
                    .containsExactly(prod, prod);
            assertNicsOn(qemu, g, prod, jail);
            assertThat(qemu.isActive(g)).isTrue();

            VmAction.PowerOff off = new VmAction.PowerOff(g.uuid());
            assertThat(actuator.plan(off).steps()).singleElement().asString().startsWith("power off VM " + g.name());
            VmActuator.Outcome stopped = actuator.execute(off);
            assertThat(stopped.vmAfter().orElseThrow().powerState()).isEqualTo(PowerState.OFF);
            assertThat(qemu.isActive(g)).isFalse();
            assertThat(actuator.plan(off).steps()).singleElement().asString().contains("already off");
        }
    }

    /** Both the live and the persistent definition have every NIC on {@code on} and none on {@code notOn}. */
    private static void assertNicsOn(QemuHost qemu, QemuHost.Guest g, String on, String notOn) throws Exception {
        String live = qemu.liveXml(g);
        String config = qemu.run(c -> c.domainLookupByName(g.name()).getXMLDesc(XML_INACTIVE));
        for (String xml : new String[] {live, config}) {
            assertThat(xml.split("<source network='" + on + "'", -1)).hasSize(3);
            assertThat(xml).doesNotContain("<source network='" + notOn + "'");
        }
    }
}

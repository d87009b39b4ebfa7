package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.PowerState;
import org.virtguard.model.TrafficFilterRef;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmAction;
import org.virtguard.spi.VmActuator;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/**
 * Quarantine by nwfilter on a running real QEMU guest, through the connector's actuator (plan, then execute): the
 * drop-all filter is defined, attached live to both vNICs without a restart (one had {@code clean-traffic} with a
 * parameter, one no filter), libvirt's nwfilter bindings and the ebtables rules it installed follow, and broadcast
 * frames sent out of the bridge towards the guest are counted by the rule that drops them; release gives each vNIC
 * exactly its previous filter back (and its firewall rules: none for the unfiltered one). Also: an existing filter of that name that does not drop everything is
 * refused, and so is a release with no record of the previous filter.
 */
class QemuFilterQuarantineTest {

    private static final int XML_INACTIVE = 2;
    private static final int FRAMES = 40;

    @Test
    void dropAllFilterStopsTrafficLiveAndReleaseRestoresThePreviousFilters() throws Exception {
        try (QemuHost qemu = QemuHost.require("nwfq");
             LibvirtConnector connector = qemu.openConnector("qemu-nwfilter", Map.of())) {
            TestEnvironment.require("root".equals(System.getProperty("user.name")) && qemu.uri().equals("qemu:///system"),
                    "root on the libvirtd host (to read ebtables and send frames through the bridge)");
            String net = qemu.isolatedNetwork("net");
            String jail = qemu.filterToRemove("jail");
            QemuHost.Guest g = qemu.defineWithInterfaces("vm",
                    "<interface type='network'><mac address='MAC'/><source network='" + net + "'/><model type='e1000'/>"
                            + "<filterref filter='clean-traffic'><parameter name='IP' value='10.31.0.5'/>"
                            + "<parameter name='IP' value='10.31.0.6'/></filterref></interface>",
                    "<interface type='network'><mac address='MAC'/><source network='" + net + "'/>"
                            + "<model type='e1000'/></interface>");
            qemu.start(g);
            int qemuDomainId = qemu.run(c -> c.domainLookupByName(g.name()).getID());
            String cleanMac = g.macs().get(0);
            String openMac = g.macs().get(1);
            List<Element> before = interfaces(qemu.liveXml(g));
            String bridge = Dom.childAttr(before.get(0), "source", "bridge");
            String openTap = Dom.childAttr(before.get(1), "target", "dev");
            String cleanTap = Dom.childAttr(before.get(0), "target", "dev");
            NicFilter cleanBefore = NicFilter.of(before.get(0));
            assertThat(ebtablesChain("libvirt-O-" + openTap)).as("no libvirt firewall chain for the unfiltered NIC yet").isNull();
            VmActuator actuator = connector.actuator().orElseThrow();

            VmAction.FilterQuarantine quarantine = new VmAction.FilterQuarantine(g.uuid(), jail);
            VmActuator.Plan plan = actuator.plan(quarantine);
            assertThat(plan.steps()).contains(QuarantineFilter.defineStep(jail),
                    "NIC " + cleanMac + ": filter clean-traffic (IP=10.31.0.5, IP=10.31.0.6) -> filter " + jail + " (live)",
                    "NIC " + cleanMac + ": filter clean-traffic (IP=10.31.0.5, IP=10.31.0.6) -> filter " + jail + " (config)",
                    "NIC " + openMac + ": no filter -> filter " + jail + " (live)");
            List<String> filtersBefore = qemu.run(c -> Arrays.asList(c.listNetworkFilters()));
            assertThat(filtersBefore).doesNotContain(jail);

            VmActuator.Outcome done = actuator.execute(quarantine);
            VirtualMachine after = done.vmAfter().orElseThrow();
            assertThat(after.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(after.nics()).extracting(VirtualNic::filter).extracting(TrafficFilterRef::name)
                    .containsExactly(jail, jail);
            assertThat(after.nics()).extracting(VirtualNic::networkName).containsExactly(net, net);
            int idAfter = qemu.run(c -> c.domainLookupByName(g.name()).getID());
            assertThat(idAfter).as("not restarted").isEqualTo(qemuDomainId);
            for (String xml : List.of(qemu.liveXml(g), configXml(qemu, g))) {
                assertThat(interfaces(xml)).allSatisfy(i -> assertThat(NicFilter.of(i)).isEqualTo(NicFilter.of(jail)));
            }
            assertThat(virsh(qemu, "nwfilter-binding-dumpxml", cleanTap)).contains("filter='" + jail + "'");
            assertThat(virsh(qemu, "nwfilter-binding-dumpxml", openTap)).contains("filter='" + jail + "'");
            for (String tap : List.of(openTap, cleanTap)) {
                long dropped = dropCount(tap);
                RawFrames.broadcast(bridge, FRAMES);
                assertThat(dropCount(tap)).as("frames sent out of " + bridge + " towards " + tap + " were dropped by "
                        + "libvirt's ebtables rule").isGreaterThanOrEqualTo(dropped + FRAMES);
            }
            assertThat(actuator.plan(quarantine).steps()).contains("NIC " + openMac + " (live): already has filter " + jail,
                    "nothing to change on VM " + g.name());

            VmAction.FilterRelease release = new VmAction.FilterRelease(g.uuid(), jail);
            assertThat(actuator.plan(release).steps()).contains("NIC " + cleanMac + ": filter " + jail
                    + " -> filter clean-traffic (IP=10.31.0.5, IP=10.31.0.6) (live)",
                    "NIC " + openMac + ": filter " + jail + " -> no filter (config)");
            VmActuator.Outcome released = actuator.execute(release);
            assertThat(released.vmAfter().orElseThrow().nics().get(1).filter()).isNull();
            for (String xml : List.of(qemu.liveXml(g), configXml(qemu, g))) {
                List<Element> ifaces = interfaces(xml);
                assertThat(NicFilter.of(ifaces.get(0))).isEqualTo(cleanBefore);
                assertThat(NicFilter.of(ifaces.get(1))).isNull();
                assertThat(xml).doesNotContain(QuarantineRecord.NAMESPACE);
            }
            assertThat(virsh(qemu, "nwfilter-binding-list")).contains(cleanTap).doesNotContain(openTap)
                    .doesNotContain(jail);
            assertThat(ebtablesChain("libvirt-O-" + openTap)).as("the released unfiltered NIC has no firewall chain again").isNull();
            assertThat(ebtablesChain("libvirt-O-" + cleanTap)).as("clean-traffic's rules are back")
                    .doesNotStartWith("-j DROP").contains("-p ARP -j ACCEPT");
            assertThat(ebtablesChain("I-" + cleanTap + "-ipv4-ip")).as("with both IP parameters")
                    .contains("--ip-src 10.31.0.5", "--ip-src 10.31.0.6");
            int idReleased = qemu.run(c -> c.domainLookupByName(g.name()).getID());
            assertThat(idReleased).isEqualTo(qemuDomainId);
        }
    }

    @Test
    void aFilterThatDoesNotDropEverythingAndAReleaseWithoutARecordAreRefused() throws Exception {
        try (QemuHost qemu = QemuHost.require("nwfq-refuse");
             LibvirtConnector connector = qemu.openConnector("qemu-nwfilter-refuse", Map.of())) {
            String net = qemu.isolatedNetwork("net");
            String lax = qemu.filterToRemove("lax");
            qemu.run(c -> c.networkFilterDefineXML("<filter name='" + lax + "' chain='root'><rule action='drop' "
                    + "direction='inout' priority='500'><all/></rule></filter>"));
            QemuHost.Guest g = qemu.defineFiltered("vm", lax, net);
            VmActuator actuator = connector.actuator().orElseThrow();

            assertThatThrownBy(() -> actuator.plan(new VmAction.FilterQuarantine(g.uuid(), lax)))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("nwfilter " + lax + " exists but does not drop all traffic");
            assertThatThrownBy(() -> actuator.execute(new VmAction.FilterRelease(g.uuid(), lax)))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("recorded no previous filter");
            assertThat(NicFilter.of(interfaces(configXml(qemu, g)).get(0))).isEqualTo(NicFilter.of(lax));
        }
    }

    /**
     * The packet count of the rule that drops every frame in libvirt's ebtables chain for frames leaving the bridge
     * to {@code tap} (its first rule, unconditional).
     */
    private static long dropCount(String tap) throws IOException, InterruptedException {
        String rules = ebtablesChain("libvirt-O-" + tap);
        assertThat(rules).as("libvirt's ebtables chain for " + tap).isNotNull().startsWith("-j DROP");
        return Long.parseLong(rules.lines().findFirst().orElseThrow().replaceAll(".*pcnt = (\\d+).*", "$1"));
    }

    /**
     * The rules (with counters) of one of libvirt's ebtables chains, e.g. {@code libvirt-O-<tap>} for frames leaving
     * the bridge to {@code tap}, or {@code null} when there is no such chain (the NIC has no filter).
     */
    private static String ebtablesChain(String chain) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ebtables", "-t", "nat", "-L", chain, "--Lc")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            return null;
        }
        return out.lines().filter(l -> l.startsWith("-")).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static String virsh(QemuHost qemu, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", qemu.uri()));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static String configXml(QemuHost qemu, QemuHost.Guest g) throws Exception {
        return qemu.run(c -> c.domainLookupByName(g.name()).getXMLDesc(XML_INACTIVE));
    }

    private static List<Element> interfaces(String xml) throws ConnectorException {
        return DomainDocument.parse(xml, new XmlOrigin("test", "domain")).interfaces();
    }
}

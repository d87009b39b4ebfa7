package org.virtguard.connector.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.libvirt.xml.LibvirtXml;
import org.virtguard.connector.libvirt.xml.XmlOrigin;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.Dom;
import org.w3c.dom.Element;

/** Editing domain XML for response actions: untrusted names stay data, interfaces are rewritten as documented. */
class DomainDocumentTest {

    private static final XmlOrigin ORIGIN = new XmlOrigin("test", "domain vm1");
    private static final String DOMAIN = """
            <domain type='kvm' id='7'>
              <name>vm1</name>
              <uuid>0b7f6a43-6f41-4a63-9d8a-0c4c1f1f3b11</uuid>
              <os><type>hvm</type></os>
              <devices>
                <interface type='bridge'>
                  <mac address='52:54:00:AA:00:01'/>
                  <source bridge='br-ovs'/>
                  <virtualport type='openvswitch'/>
                  <vlan><tag id='20'/></vlan>
                  <target dev='vnet3'/>
                  <model type='virtio'/>
                  <filterref filter='clean-traffic'/>
                </interface>
                <interface type='hostdev' managed='yes'>
                  <mac address='52:54:00:aa:00:02'/>
                  <driver name='vfio'/>
                  <source><address type='pci' domain='0x0000' bus='0x3b' slot='0x10' function='0x2'/></source>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
                </interface>
              </devices>
            </domain>""";

    @Test
    void attachToNetworkReplacesTheOldAttachmentAndKeepsModelFilterAndMac() throws Exception {
        DomainDocument doc = DomainDocument.parse(DOMAIN, ORIGIN);
        Element bridge = doc.interfaceByMac("52:54:00:aa:00:01");
        assertThat(DomainDocument.describeAttachment(bridge)).isEqualTo("bridge br-ovs");
        doc.attachToNetwork(bridge, "quarantine");
        doc.attachToNetwork(doc.interfaceByMac("52:54:00:AA:00:02"), "quarantine");

        DomainDocument again = DomainDocument.parse(doc.toXml(), ORIGIN);
        Element first = again.interfaces().get(0);
        assertThat(DomainDocument.networkOf(first)).isEqualTo("quarantine");
        assertThat(Dom.children(first)).extracting(Dom::localName)
                .containsExactly("mac", "source", "target", "model", "filterref");
        Element second = again.interfaces().get(1);
        assertThat(second.hasAttribute("managed")).isFalse();
        assertThat(Dom.children(second)).extracting(Dom::localName).containsExactly("mac", "source", "address");
        assertThat(DomainDocument.macOf(second)).isEqualTo("52:54:00:aa:00:02");
    }

    @Test
    void namesFromPolicyFilesAreEscapedNotSplicedIntoTheXml() throws Exception {
        String hostile = "q'/><interface type='direct'><source dev='eth0'/></interface><x a='";
        DomainDocument doc = DomainDocument.parse(DOMAIN, ORIGIN);
        Element iface = doc.interfaces().get(0);
        doc.attachToNetwork(iface, hostile);
        doc.rename("web</name><uuid>x</uuid><name>");

        DomainDocument again = DomainDocument.parse(doc.toXml(), ORIGIN);
        assertThat(again.interfaces()).hasSize(2);
        assertThat(DomainDocument.networkOf(again.interfaces().get(0))).isEqualTo(hostile);
        assertThat(again.name()).isEqualTo("web</name><uuid>x</uuid><name>");
        Element alone = LibvirtXml.read(doc.toXml(iface), ORIGIN).getDocumentElement();
        assertThat(Dom.localName(alone)).isEqualTo("interface");
        assertThat(Dom.children(alone, "source")).singleElement()
                .satisfies(src -> assertThat(src.getAttribute("network")).isEqualTo(hostile));
        assertThat(Dom.children(alone, "interface")).isEmpty();
    }

    @Test
    void interfaceXmlIsOneInterfaceElement() throws Exception {
        DomainDocument doc = DomainDocument.parse(DOMAIN, ORIGIN);
        Element iface = doc.interfaces().get(0);
        doc.attachToNetwork(iface, "quarantine");
        String xml = doc.toXml(iface);
        assertThat(xml).startsWith("<interface type=\"network\">").endsWith("</interface>")
                .contains("<source network=\"quarantine\"/>").doesNotContain("<?xml", "br-ovs", "openvswitch");
    }

    @Test
    void placeOnNetworksDropsExtraInterfacesAndAddsMissingOnesWithoutMacs() throws Exception {
        DomainDocument fewer = DomainDocument.parse(DOMAIN, ORIGIN);
        assertThat(fewer.placeOnNetworks(List.of("mgmt"))).containsExactly(
                "template NIC 2 (hostdev) left out: only 1 network(s) given",
                "NIC 1: network mgmt, fresh MAC");
        assertThat(fewer.interfaces()).singleElement().satisfies(e -> {
            assertThat(DomainDocument.macOf(e)).isNull();
            assertThat(Dom.child(e, "target")).isNull();
            assertThat(DomainDocument.networkOf(e)).isEqualTo("mgmt");
        });

        DomainDocument more = DomainDocument.parse(DOMAIN, ORIGIN);
        more.placeOnNetworks(List.of("a", "b", "c"));
        DomainDocument again = DomainDocument.parse(more.toXml(), ORIGIN);
        assertThat(again.interfaces()).extracting(DomainDocument::networkOf).containsExactly("a", "b", "c");
        assertThat(again.interfaces()).extracting(DomainDocument::macOf).containsOnlyNulls();
        assertThat(Dom.child(again.interfaces().get(2), "address")).as("a copied NIC gets its own PCI slot").isNull();
    }

    @Test
    void dropIdentityRemovesUuidAndRuntimeId() throws Exception {
        DomainDocument doc = DomainDocument.parse(DOMAIN, ORIGIN);
        doc.dropIdentity();
        assertThat(doc.toXml()).doesNotContain("<uuid>", "id=\"7\"");
    }

    @Test
    void refusesWhatIsNotADomainAndHostileXml() {
        ConnectorException network = catchThrowableOfType(ConnectorException.class,
                () -> DomainDocument.parse("<network><name>n</name></network>", ORIGIN));
        assertThat(network.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        ConnectorException xxe = catchThrowableOfType(ConnectorException.class, () -> DomainDocument.parse(
                "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>", ORIGIN));
        assertThat(xxe.code()).isEqualTo(ErrorCode.HOSTILE_INPUT);
    }
}

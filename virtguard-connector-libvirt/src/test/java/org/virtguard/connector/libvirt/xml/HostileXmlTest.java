package org.virtguard.connector.libvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.SafeXml;

/** Hostile and broken XML is rejected with the matching code and a message naming the origin and field. */
class HostileXmlTest {

    private final DomainParseContext ctx = new DomainParseContext(new XmlOrigin("kvm01", "web01.xml"), "h",
            FilterResolver.stockOnly(), true, null);

    @Test
    void xxeIsHostile() {
        String xml = "<?xml version='1.0'?>\n<!DOCTYPE domain [\n<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n"
                + "<domain type='kvm'><name>&xxe;</name></domain>";
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> DomainXmlParser.parse(xml, ctx));
        assertThat(e.code()).isEqualTo(ErrorCode.HOSTILE_INPUT);
        assertThat(e.sourceId()).isEqualTo("kvm01");
        assertThat(e.getMessage()).startsWith("web01.xml:2:")
                .endsWith("DOCTYPE is not allowed (XXE and entity-expansion protection)");
    }

    @Test
    void billionLaughsIsHostile() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol 'lol'>");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" '")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("'>");
        }
        sb.append("]><network><name>&lol9;</name></network>");
        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> NetworkXmlParser.parse(sb.toString(), new XmlOrigin("kvm01", "network default on kvm01"), "h", true));
        assertThat(e.code()).isEqualTo(ErrorCode.HOSTILE_INPUT);
        assertThat(e.getMessage()).startsWith("network default on kvm01:1:");
    }

    @Test
    void oversizedIsTooLarge() {
        byte[] big = ("<domain><description>" + "x".repeat(17 * 1024 * 1024) + "</description></domain>")
                .getBytes(StandardCharsets.UTF_8);
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> DomainXmlParser.parse(big, ctx));
        assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("web01.xml: input is larger than the limit of 16 MiB");
        ConnectorException small = catchThrowableOfType(ConnectorException.class, () -> LibvirtXml.read(
                "<filter name='x'/>".repeat(10).getBytes(StandardCharsets.UTF_8),
                new XmlOrigin(null, "f.xml"), SafeXml.withMaxBytes(64)));
        assertThat(small.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    }

    @Test
    void parseErrorsNameTheOriginAndTheField() {
        assertThat(message("<domain><name>x</name><memory unit='KiB'>12x</memory></domain>"))
                .isEqualTo("web01.xml: <memory>: '12x' is not a number");
        assertThat(message("<domain><name>x</name><memory unit='parsecs'>1</memory></domain>"))
                .isEqualTo("web01.xml: <memory> unit: 'parsecs' is not a size unit");
        assertThat(message("<domain><name>x</name><vcpu>two</vcpu></domain>"))
                .isEqualTo("web01.xml: <vcpu>: 'two' is not a number");
        assertThat(message("<domain><name>x</name><devices><graphics type='vnc' port='59o0'/></devices></domain>"))
                .isEqualTo("web01.xml: <graphics type='vnc'> port: '59o0' is not a number");
        assertThat(message("<network><name>n</name></network>"))
                .isEqualTo("web01.xml: root element: <network> found, <domain> expected");
        assertThat(message("<domain><name>x</name><devices><interface type='direct'><vlan><tag id='x'/></vlan>"
                + "</interface></devices></domain>")).isEqualTo("web01.xml: interface #0 <vlan> tag id: 'x' is not a number");
    }

    @Test
    void networkErrorsNameTheField() {
        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> NetworkXmlParser.parse(
                "<network><name>n</name><ip address='10.0.0.1' netmask='255.0.255.0'/></network>",
                XmlOrigin.file("n.xml"), "h", true));
        assertThat(e.getMessage()).isEqualTo("n.xml: <ip address='10.0.0.1'>: not an IP address with a valid netmask or prefix");
        ConnectorException noName = catchThrowableOfType(ConnectorException.class,
                () -> NwfilterXmlParser.parse("<filter chain='root'/>", XmlOrigin.file("f.xml"), "h"));
        assertThat(noName.getMessage()).isEqualTo("f.xml: <filter name>: missing");
    }

    @Test
    void memoryUnitsScale() throws Exception {
        assertThat(memory("<memory>1024</memory>")).isEqualTo(1024L * 1024);
        assertThat(memory("<memory unit='MiB'>2</memory>")).isEqualTo(2L << 20);
        assertThat(memory("<memory unit='M'>2</memory>")).isEqualTo(2L << 20);
        assertThat(memory("<memory unit='MB'>2</memory>")).isEqualTo(2_000_000L);
        assertThat(memory("<memory unit='GiB'>1</memory>")).isEqualTo(1L << 30);
        assertThat(memory("<memory unit='bytes'>4096</memory>")).isEqualTo(4096L);
        assertThat(memory("<memory unit='TiB'>1</memory>")).isEqualTo(1L << 40);
    }

    @Test
    void cidrFromNetmaskAndPrefix() {
        assertThat(Cidr.of("192.168.122.1", "255.255.255.0", null)).isEqualTo("192.168.122.0/24");
        assertThat(Cidr.of("10.20.30.40", null, "16")).isEqualTo("10.20.0.0/16");
        assertThat(Cidr.of("2001:db8:ca2:2::1", null, "64")).as("RFC 5952, as every output").isEqualTo("2001:db8:ca2:2::/64");
        assertThat(Cidr.of("kvm01.example.net", null, "24")).isNull();
        assertThat(Cidr.of("10.0.0.1", "255.0.255.0", null)).isNull();
        assertThat(Cidr.of("10.0.0.1", null, "33")).isNull();
    }

    private String message(String xml) {
        return catchThrowableOfType(ConnectorException.class, () -> DomainXmlParser.parse(xml, ctx)).getMessage();
    }

    private long memory(String element) throws ConnectorException {
        return DomainXmlParser.parse("<domain><name>m</name>" + element + "</domain>", ctx).vm().memoryBytes();
    }
}

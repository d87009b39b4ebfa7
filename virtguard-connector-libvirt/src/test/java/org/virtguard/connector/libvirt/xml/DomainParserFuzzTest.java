package org.virtguard.connector.libvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.virtguard.spi.ConnectorException;
import org.virtguard.xml.SafeXml;
import org.w3c.dom.Document;

/**
 * Feeds arbitrary bytes to the libvirt parsers (domain, network, nwfilter): only a parse result or a
 * {@link ConnectorException} with a one-line message naming the origin may come out. Without
 * {@code JAZZER_FUZZ=1} this runs the seeds in {@code DomainParserFuzzTestInputs} as a plain test.
 */
class DomainParserFuzzTest {

    private static final SafeXml SMALL = SafeXml.withMaxBytes(64 * 1024);
    private static final XmlOrigin ORIGIN = new XmlOrigin("fuzz", "fuzz.xml");
    private static final DomainParseContext CTX = new DomainParseContext(ORIGIN, "libvirt:fuzz",
            FilterResolver.stockOnly(), true, null);

    @FuzzTest(maxDuration = "30s")
    void parseLibvirtXml(byte[] input) {
        Document doc;
        try {
            doc = LibvirtXml.read(input, ORIGIN, SMALL);
        } catch (ConnectorException e) {
            assertWellFormed(e);
            return;
        }
        try {
            switch (LibvirtXml.kindOf(doc)) {
                case DOMAIN -> {
                    ParsedDomain d = DomainXmlParser.parse(doc, CTX);
                    assertThat(d.vm().id()).isNotBlank();
                    assertThat(d.vm().nics()).allSatisfy(n -> assertThat(n.vmId()).isEqualTo(d.vm().id()));
                }
                case NETWORK -> assertThat(NetworkXmlParser.parse(doc, ORIGIN, "libvirt:fuzz", true).name()).isNotBlank();
                case NWFILTER -> {
                    String name = NwfilterXmlParser.parse(doc, ORIGIN, "libvirt:fuzz").name();
                    assertThat(FilterResolver.stockOnly().protections(name)).isNotNull();
                }
                case OTHER -> assertThat(doc.getDocumentElement()).isNotNull();
            }
        } catch (ConnectorException e) {
            assertWellFormed(e);
        }
    }

    private static void assertWellFormed(ConnectorException e) {
        assertThat(e.code()).isNotNull();
        assertThat(e.getMessage()).startsWith("fuzz.xml").doesNotContain("\n");
    }
}

package org.virtguard.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class DomTest {

    private static final String NS = "urn:example";

    private Element root() throws XmlInputException {
        return SafeXml.defaults().parse("""
                <domain type='kvm' empty=''>
                  <name>  web01  </name>
                  <disk device='disk'/><disk device='cdrom'/>
                  <x:disk xmlns:x='urn:example' n='1'/>
                  <blank>   </blank>
                </domain>""", "t.xml").getDocumentElement();
    }

    @Test
    void findsChildrenInNoNamespaceOnly() throws Exception {
        Element root = root();
        assertThat(Dom.children(root, "disk")).extracting(e -> e.getAttribute("device")).containsExactly("disk", "cdrom");
        assertThat(Dom.child(root, "disk").getAttribute("device")).isEqualTo("disk");
        assertThat(Dom.child(root, "missing")).isNull();
        assertThat(Dom.childrenNS(root, NS, "disk")).hasSize(1);
        assertThat(Dom.childNS(root, NS, "disk").getAttribute("n")).isEqualTo("1");
        assertThat(Dom.children(root)).hasSize(5);
    }

    @Test
    void readsAttributesAndText() throws Exception {
        Element root = root();
        assertThat(Dom.attr(root, "type")).isEqualTo("kvm");
        assertThat(Dom.attr(root, "empty")).isEmpty();
        assertThat(Dom.attrOrNull(root, "empty")).isNull();
        assertThat(Dom.attr(root, "absent")).isNull();
        assertThat(Dom.childText(root, "name")).isEqualTo("web01");
        assertThat(Dom.childText(root, "blank")).isNull();
        assertThat(Dom.childAttr(root, "disk", "device")).isEqualTo("disk");
        assertThat(Dom.localName(Dom.childNS(root, NS, "disk"))).isEqualTo("disk");
    }

    @Test
    void toleratesNullElements() {
        assertThat(Dom.children(null)).isEmpty();
        assertThat(Dom.child(null, "a")).isNull();
        assertThat(Dom.attr(null, "a")).isNull();
        assertThat(Dom.text(null)).isNull();
    }
}

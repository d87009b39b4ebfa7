package org.virtguard.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SafeXmlTest {

    private final SafeXml xml = SafeXml.defaults();

    @Test
    void parsesOrdinaryXmlNamespaceAware() throws Exception {
        Document doc = xml.parse("""
                <domain type='kvm'>
                  <name>web01</name>
                  <metadata><vg:labels xmlns:vg="https://virtguard.org/xmlns/labels/1"/></metadata>
                </domain>""", "web01.xml");
        assertThat(doc.getDocumentElement().getAttribute("type")).isEqualTo("kvm");
        assertThat(Dom.childText(doc.getDocumentElement(), "name")).isEqualTo("web01");
        assertThat(Dom.childNS(Dom.child(doc.getDocumentElement(), "metadata"),
                "https://virtguard.org/xmlns/labels/1", "labels")).isNotNull();
    }

    @Test
    void rejectsXxeFileReadWithLocation(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String attack = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE domain [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<domain><name>&xxe;</name></domain>";
        XmlInputException e = catchThrowableOfType(XmlInputException.class,
                () -> xml.parse(attack.getBytes(StandardCharsets.UTF_8), "domain.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.HOSTILE);
        assertThat(e.origin()).isEqualTo("domain.xml");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage())
                .startsWith("domain.xml:2:")
                .endsWith(": DOCTYPE is not allowed (XXE and entity-expansion protection)")
                .doesNotContain("TOP-SECRET");
    }

    @Test
    void rejectsXxeAgainstEtcPasswd() {
        String attack = "<!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>";
        assertThatThrownBy(() -> xml.parse(attack, "foo.xml"))
                .isInstanceOfSatisfying(XmlInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(XmlInputException.Reason.HOSTILE);
                    assertThat(e.getMessage()).doesNotContain("root:");
                });
    }

    @Test
    void rejectsExternalParameterEntity() {
        String attack = "<?xml version='1.0'?>\n<!DOCTYPE foo [\n  <!ENTITY % ext SYSTEM \"http://127.0.0.1:1/evil.dtd\">\n"
                + "  %ext;\n]>\n<foo/>";
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse(attack, "pe.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.HOSTILE);
        assertThat(e.getMessage()).startsWith("pe.xml:2:");
    }

    @Test
    void rejectsExternalDtdReference() {
        String attack = "<!DOCTYPE network SYSTEM \"http://127.0.0.1:1/network.dtd\"><network/>";
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse(attack, "net.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.HOSTILE);
    }

    @Test
    void rejectsBillionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            sb.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                sb.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
            }
            sb.append("\">\n");
        }
        sb.append("]>\n<lolz>&lol9;</lolz>");
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse(sb.toString(), "lolz.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.HOSTILE);
        assertThat(e.detail()).contains("DOCTYPE is not allowed");
    }

    @Test
    void doesNotProcessXInclude() throws Exception {
        Document doc = xml.parse("<x xmlns:xi='http://www.w3.org/2001/XInclude'>"
                + "<xi:include href='file:///etc/passwd' parse='text'/></x>", "xi.xml");
        assertThat(doc.getDocumentElement().getTextContent()).isEmpty();
        assertThat(doc.getDocumentElement().getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include")
                .getLength()).isEqualTo(1);
    }

    @Test
    void rejectsOversizedInputBeforeParsing() {
        SafeXml small = SafeXml.withMaxBytes(1024);
        byte[] big = ("<a>" + "x".repeat(2000) + "</a>").getBytes(StandardCharsets.UTF_8);
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> small.parse(big, "big.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("big.xml: input is larger than the limit of 1 KiB");
        assertThat(small.maxBytes()).isEqualTo(1024);
        assertThat(SafeXml.defaults().maxBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void rejectsOversizedStreamAndStringAndFile(@TempDir Path dir) throws IOException {
        SafeXml small = SafeXml.withMaxBytes(100);
        String body = "<a>" + "é".repeat(60) + "</a>";
        assertThatThrownBy(() -> small.parse(body, "s.xml"))
                .isInstanceOfSatisfying(XmlInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(XmlInputException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> small.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "in.xml"))
                .isInstanceOfSatisfying(XmlInputException.class,
                        e -> assertThat(e.reason()).isEqualTo(XmlInputException.Reason.TOO_LARGE));
        Path file = Files.writeString(dir.resolve("f.xml"), body);
        assertThatThrownBy(() -> small.parse(file))
                .isInstanceOfSatisfying(XmlInputException.class, e -> {
                    assertThat(e.reason()).isEqualTo(XmlInputException.Reason.TOO_LARGE);
                    assertThat(e.origin()).isEqualTo("f.xml");
                });
    }

    @Test
    void defaultLimitIsSixteenMebibytes() {
        byte[] big = new byte[16 * 1024 * 1024 + 1];
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse(big, "huge.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("16 MiB");
    }

    @Test
    void reportsMalformedXmlWithLineAndColumn() {
        XmlInputException e = catchThrowableOfType(XmlInputException.class,
                () -> xml.parse("<domain>\n  <name>x</nam>\n</domain>", "broken.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.MALFORMED);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).startsWith("broken.xml:2:").doesNotContain("\n");
    }

    @Test
    void reportsEmptyAndBinaryInputAsMalformed() {
        for (byte[] input : new byte[][] {new byte[0], {(byte) 0xff, (byte) 0xfe, 0, 1, 2}, "not xml".getBytes()}) {
            XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse(input, "junk"));
            assertThat(e.reason()).isEqualTo(XmlInputException.Reason.MALFORMED);
            assertThat(e.getMessage()).startsWith("junk");
        }
    }

    @Test
    void reportsUndeclaredEntityAsMalformed() {
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse("<a>&foo;</a>", "e.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.MALFORMED);
    }

    @Test
    void acceptsUtf8ByteOrderMark() throws Exception {
        byte[] body = "<?xml version='1.0' encoding='UTF-8'?><domain><name>bom-é</name></domain>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Document doc = xml.parse(withBom, "bom.xml");
        assertThat(Dom.childText(doc.getDocumentElement(), "name")).isEqualTo("bom-é");
    }

    @Test
    void rejectsExcessiveNestingAsHostile() {
        int depth = SafeXml.MAX_ELEMENT_DEPTH + 50;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        XmlInputException e = catchThrowableOfType(XmlInputException.class, () -> xml.parse(deep, "deep.xml"));
        assertThat(e.reason()).isEqualTo(XmlInputException.Reason.HOSTILE);
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        int depth = SafeXml.MAX_ELEMENT_DEPTH - 1;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertThat(xml.parse(deep, "ok.xml").getDocumentElement().getNodeName()).isEqualTo("a");
    }

    @Test
    void parsesFileNamingItInErrors(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.xml"), "<network><name>dmz</name></network>");
        assertThat(xml.parse(ok).getDocumentElement().getNodeName()).isEqualTo("network");
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<network>");
        assertThatThrownBy(() -> xml.parse(bad)).hasMessageStartingWith("bad.xml");
    }
}

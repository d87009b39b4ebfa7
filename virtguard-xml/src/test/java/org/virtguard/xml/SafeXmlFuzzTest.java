package org.virtguard.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.w3c.dom.Document;

/**
 * Feeds arbitrary bytes to {@link SafeXml}: only a document or an {@link XmlInputException} may come out.
 * Without {@code JAZZER_FUZZ=1} this runs the seed inputs in {@code SafeXmlFuzzTestInputs} as a plain test.
 */
class SafeXmlFuzzTest {

    private static final SafeXml SMALL = SafeXml.withMaxBytes(64 * 1024);

    @FuzzTest(maxDuration = "30s")
    void parseArbitraryBytes(byte[] input) {
        try {
            Document doc = SMALL.parse(input, "fuzz.xml");
            assertThat(doc.getDocumentElement()).isNotNull();
            assertThat(doc.getDoctype()).isNull();
        } catch (XmlInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz.xml").doesNotContain("\n");
            assertThat(e.reason()).isNotNull();
        }
    }
}

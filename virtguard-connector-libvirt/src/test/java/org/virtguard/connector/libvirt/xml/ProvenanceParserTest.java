package org.virtguard.connector.libvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.virtguard.model.VirtualMachine;

/** Template marks and provenance in domain metadata become settings; malformed values are left out, never fatal. */
class ProvenanceParserTest {

    private static final String NS = "xmlns:vg='https://virtguard.org/xmlns/template/1'";
    private final DomainParseContext ctx = DomainParseContext.forFile("web01.xml", "h");

    private ParsedDomain parse(String metadata) throws Exception {
        return DomainXmlParser.parse("<domain type='kvm'><name>web01</name>"
                + "<uuid>ccb825f4-b455-40c9-b886-da41fd809136</uuid><metadata>" + metadata + "</metadata></domain>", ctx);
    }

    private static String setting(VirtualMachine vm, String key) {
        return vm.settings().containsKey(key) ? vm.settings().get(key).value() : null;
    }

    @Test
    void aTemplateMarkMakesATemplateWithItsUpdateTime() throws Exception {
        ParsedDomain p = parse("<vg:template " + NS + " updated='2026-05-01T02:00:00+02:00'/>");
        assertThat(p.vm().template()).isTrue();
        assertThat(setting(p.vm(), "vm.templateUpdatedAt")).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(p.issues()).isEmpty();

        ParsedDomain noTime = parse("<vg:template " + NS + "/>");
        assertThat(noTime.vm().template()).isTrue();
        assertThat(noTime.vm().settings()).doesNotContainKey("vm.templateUpdatedAt");
    }

    @Test
    void aDeployedMarkGivesTheProvenanceSettings() throws Exception {
        ParsedDomain p = parse("<vg:deployed " + NS + " from='golden-web' templateUpdated='2026-05-01T00:00:00Z'"
                + " at='2026-05-03T09:12:00.5Z'/>");
        assertThat(p.vm().template()).isFalse();
        assertThat(setting(p.vm(), "vm.deployedFrom")).isEqualTo("golden-web");
        assertThat(setting(p.vm(), "vm.deployedFromTemplateUpdatedAt")).isEqualTo("2026-05-01T00:00:00Z");
        assertThat(setting(p.vm(), "vm.deployedAt")).isEqualTo("2026-05-03T09:12:00.500Z");
        assertThat(p.vm().settings()).doesNotContainKey("vm.templateUpdatedAt");
        assertThat(p.issues()).isEmpty();
    }

    @Test
    void marksInAnotherNamespaceOrWithoutOneAreIgnored() throws Exception {
        ParsedDomain p = parse("<x:template xmlns:x='https://example.org/other' updated='2026-05-01T00:00:00Z'/>"
                + "<template updated='2026-05-01T00:00:00Z'/>");
        assertThat(p.vm().template()).isFalse();
        assertThat(p.vm().settings()).doesNotContainKey("vm.templateUpdatedAt");
    }

    @Test
    void malformedValuesAreLeftOutWithOneIssueEachAndTheDomainStillParses() throws Exception {
        ParsedDomain p = parse("<vg:template " + NS + " updated='last tuesday'/>"
                + "<vg:deployed " + NS + " from='" + "g".repeat(300) + "' templateUpdated='+100000-01-01T00:00:00Z'"
                + " at='2026-13-45T99:00:00Z" + "9".repeat(5000) + "'/>");
        VirtualMachine vm = p.vm();
        assertThat(vm.name()).isEqualTo("web01");
        assertThat(vm.template()).as("the mark still says template").isTrue();
        assertThat(vm.settings()).doesNotContainKeys("vm.templateUpdatedAt", "vm.deployedFrom",
                "vm.deployedFromTemplateUpdatedAt", "vm.deployedAt");
        assertThat(p.issues()).hasSize(4).allSatisfy(i -> {
            assertThat(i).startsWith("web01.xml: <vg:").doesNotContain("\n").hasSizeLessThan(200);
        });
        assertThat(p.issues()).anySatisfy(i -> assertThat(i).contains("'last tuesday'> is not an RFC 3339 time;"
                + " vm.templateUpdatedAt left out"));
        assertThat(p.issues()).anySatisfy(i -> assertThat(i).contains("is not a usable template name;"
                + " vm.deployedFrom left out"));

        ParsedDomain control = parse("<vg:deployed " + NS + " from='golden&#9;web' at='2026-05-03T09:12:00'/>");
        assertThat(control.vm().settings()).as("a tab in the name, a time without offset")
                .doesNotContainKeys("vm.deployedFrom", "vm.deployedAt");
        assertThat(control.issues()).hasSize(2);
    }
}

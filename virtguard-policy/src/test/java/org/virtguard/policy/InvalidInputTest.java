package org.virtguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.CheckStatus;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.eval.ScanResult;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;

/** Invalid checks and zone files are refused with file, line and column; crashing rules give ERROR. */
class InvalidInputTest {

    private static final String HEADER = """
            id: my-check
            title: t
            severity: high
            resource: host
            hypervisors: [vsphere]
            description: d
            risk: r
            remediation: {powercli: x}
            frameworks: {pci-dss-4.0: ['2.2.1']}
            """;

    private static CheckLoadException load(String text) {
        try {
            new CheckCatalog.Builder().add("my-check.yaml", "my-check.yaml", text);
        } catch (CheckLoadException e) {
            return e;
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void typeErrorInRuleNamesLineAndColumn() {
        CheckLoadException e = load(HEADER + "rule: |\n  host.name == 'a' &&\n    vm.name == 'b'\n");
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.column()).isEqualTo(5);
        assertThat(e.getMessage()).startsWith("my-check.yaml:12:5: 'rule' does not compile").contains("vm");
    }

    @Test
    void nonBooleanRuleIsRejected() {
        assertThat(load(HEADER + "rule: size(host.name) + 1\n").getMessage()).contains("my-check.yaml:10:").contains("does not compile");
    }

    @Test
    void syntaxErrorIsRejected() {
        assertThat(load(HEADER + "rule: host.name == \n").line()).isEqualTo(10);
    }

    @Test
    void idMustMatchFileName() {
        assertThat(load(HEADER.replace("id: my-check", "id: other") + "rule: 'true'\n").getMessage())
                .contains("my-check.yaml:1:5").contains("does not match the file name");
    }

    @Test
    void unknownSeverityAndKeysAreRejected() {
        assertThat(load(HEADER.replace("severity: high", "severity: urgent") + "rule: 'true'\n").getMessage())
                .contains("my-check.yaml:3:11").contains("unknown severity");
        assertThat(load(HEADER + "rul: 'true'\n").getMessage()).contains("unknown key 'rul'");
    }

    @Test
    void invalidYamlIsRejectedWithPosition() {
        assertThat(load(HEADER + "rule: [unclosed\n").getMessage()).startsWith("my-check.yaml:").contains("invalid YAML");
    }

    @Test
    void zoneFileErrorsNamePosition() {
        assertThatThrownBy(() -> ZonePolicyLoader.parse("zones.yaml", """
                zones:
                  - name: dmz
                    trust: 10
                    match: {networks: [dmz]}
                classifications:
                  - name: web
                    match: {names: [web*]}
                    allowedZones: [dmzz]
                """)).isInstanceOf(CheckLoadException.class)
                .hasMessageStartingWith("zones.yaml:8:20: classification 'web' allows unknown zone 'dmzz'");
        assertThatThrownBy(() -> ZonePolicyLoader.parse("zones.yaml", """
                zones:
                  - name: dmz
                    trust: 500
                    match: {cidrs: [10.0.0.0/8]}
                """)).hasMessageStartingWith("zones.yaml:3:5:").hasMessageContaining("0 (untrusted) to 100");
        assertThatThrownBy(() -> ZonePolicyLoader.parse("zones.yaml", """
                zones:
                  - name: dmz
                    trust: 5
                    match: {cidrs: [10.0.0.0/33]}
                """)).hasMessageStartingWith("zones.yaml:4:21:").hasMessageContaining("prefix length");
    }

    @Test
    void crashingRuleGivesErrorNotSilence() throws Exception {
        CheckCatalog catalog = new CheckCatalog.Builder()
                .add("my-check.yaml", "my-check.yaml", HEADER + "rule: 1 / (size(host.name) - 4) == 1\n").build();
        Host h = new Host("h1", "s", "esx1", Platform.VSPHERE, HypervisorKind.ESXI, null, null, null, null, null, null,
                null, null, null, Map.of());
        ScanResult r = new Evaluator(catalog.checks(), ZonePolicy.empty(), List.of(), Map.of(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).evaluate(new Inventory(List.of(h), List.of(), List.of()), s -> true);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(CheckStatus.ERROR);
            // The user reads that the check could not be evaluated; the evaluator's own words ("/ by zero") go to
            // the service log only.
            assertThat(f.message()).startsWith("cannot tell: this check could not be evaluated")
                    .doesNotContain("by zero");
            assertThat(org.virtguard.model.InternalText.find(f.message())).isEmpty();
        });
    }
}

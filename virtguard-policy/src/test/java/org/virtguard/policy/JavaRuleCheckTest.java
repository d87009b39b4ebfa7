package org.virtguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.check.JavaRule;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.Inventory;
import org.virtguard.policy.eval.RuleVerdict;
import org.virtguard.policy.zones.ZonePolicy;

/** Checks that name a Java class instead of a CEL rule. */
class JavaRuleCheckTest {

    /** Fails hosts whose name is longer than the parameter maxLength; crashes on a host named "boom". */
    public static final class NameLength implements JavaRule {
        @Override
        @SuppressWarnings("unchecked")
        public RuleVerdict evaluate(Map<String, Object> variables) {
            Map<String, Object> host = (Map<String, Object>) variables.get("host");
            String name = (String) host.get("name");
            if (name.equals("boom")) {
                throw new IllegalStateException("rule bug");
            }
            long max = (Long) ((Map<String, Object>) variables.get("params")).get("maxLength");
            return name.length() <= max ? RuleVerdict.PASS : RuleVerdict.FAIL;
        }
    }

    private static final String CHECK = """
            id: name-length
            title: t
            severity: low
            resource: host
            hypervisors: [vsphere]
            description: d
            risk: r
            remediation: {vsphere-ui: rename}
            frameworks: {pci-dss-4.0: ['2.2.1']}
            parameters: {maxLength: 5}
            class: %s
            """;

    private static Host host(String name) {
        return new Host("id-" + name, "s", name, Platform.VSPHERE, HypervisorKind.ESXI, null, null, null, null, null,
                null, null, null, null, Map.of());
    }

    @Test
    void javaRuleGetsTheSameVariablesAndCrashesBecomeErrors() throws Exception {
        CheckCatalog catalog = new CheckCatalog.Builder()
                .add("name-length.yaml", "name-length.yaml", CHECK.formatted(NameLength.class.getName())).build();
        var result = new Evaluator(catalog.checks(), ZonePolicy.empty(), List.of(), Map.of(), Clock.systemUTC())
                .evaluate(new Inventory(List.of(host("esx1"), host("esx-long-name"), host("boom")), List.of(), List.of()),
                        s -> true);
        Map<String, CheckStatus> byName = new java.util.HashMap<>();
        result.findings().forEach(f -> byName.put(f.resource().name(), f.status()));
        assertThat(byName).containsEntry("esx1", CheckStatus.PASS).containsEntry("esx-long-name", CheckStatus.FAIL)
                .containsEntry("boom", CheckStatus.ERROR);
    }

    @Test
    void unknownClassIsRejectedAtLoad() {
        assertThatThrownBy(() -> new CheckCatalog.Builder().add("name-length.yaml", "name-length.yaml",
                CHECK.formatted("org.example.Missing")))
                .isInstanceOf(CheckLoadException.class)
                .hasMessageStartingWith("name-length.yaml:11:8: cannot instantiate rule class org.example.Missing");
    }
}

package org.virtguard.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.virtguard.model.Finding;
import org.virtguard.policy.cases.CaseRunner;
import org.virtguard.policy.cases.FixtureReader;
import org.virtguard.policy.check.CelValues;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

/**
 * The planned evaluation gives exactly what cel-java alone gives (status, message, evidence) on every resource of
 * every case of every built-in check.
 */
class FastPlanEquivalenceTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void mostBuiltInRulesArePlanned() throws Exception {
        List<CompiledCheck> checks = CheckCatalog.builtIn().checks();
        long planned = checks.stream().filter(CompiledCheck::planned).count();
        assertThat(planned).as("planned rules of " + checks.size()).isGreaterThanOrEqualTo(checks.size() * 9L / 10);
    }

    @TestFactory
    Stream<DynamicTest> plannedEqualsCelJavaOnEveryCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (CompiledCheck check : CheckCatalog.builtIn().checks()) {
            tests.add(DynamicTest.dynamicTest(check.id(), () -> {
                JsonNode cases = YAML.readTree(CaseRunner.casesText(check)).get("cases");
                for (JsonNode c : cases) {
                    ZonePolicy policy = c.has("policy") ? ZonePolicyLoader.parse("case policy",
                            YAML.writeValueAsString(c.get("policy"))) : ZonePolicy.empty();
                    Map<String, Object> params = new HashMap<>();
                    c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), CelValues.fromJson(e.getValue())));
                    Instant now = c.has("now") ? Instant.parse(c.get("now").asText()) : CaseRunner.DEFAULT_NOW;
                    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
                    Inventory inventory = FixtureReader.inventory(c.path("inventory"));
                    List<String> planned = render(new Evaluator(List.of(check), policy, List.of(),
                            Map.of(check.id(), params), clock).evaluate(inventory, s -> true).findings());
                    List<String> celJava = render(new Evaluator(List.of(check.withoutPlans()), policy, List.of(),
                            Map.of(check.id(), params), clock).evaluate(inventory, s -> true).findings());
                    assertThat(planned).as(check.id() + " / " + c.path("name").asText()).isEqualTo(celJava);
                }
            }));
        }
        return tests.stream();
    }

    private static List<String> render(List<Finding> findings) {
        return findings.stream().map(f -> f.resource().name() + " " + f.status() + " " + f.message() + " "
                + f.evidence()).sorted().toList();
    }
}

package org.virtguard.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
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
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.policy.cases.CaseRunner;
import org.virtguard.policy.cases.FixtureReader;
import org.virtguard.policy.check.CelValues;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

/**
 * The faster evaluations give exactly what cel-java alone gives (status, message, evidence) on every resource of
 * every case of every built-in check, and with every built-in check on seeded random variants of those cases'
 * inventories: compiled verdicts and plans together (as scans run), compiled verdicts alone and plans alone (each
 * with cel-java deciding what it leaves undecided).
 */
class FastPlanEquivalenceTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Fixed so that a failure repeats; {@code -Dvirtguard.equivalence.seed=N} explores other variants. */
    private static final long SEED = Long.getLong("virtguard.equivalence.seed", 20261122L);
    /** Variants of each case; those with timestamps (which age rules read) get eight times as many. */
    private static final int VARIANTS_PER_CASE = 6;

    @Test
    void everyBuiltInRuleIsPlannedAndCompiled() throws Exception {
        List<CompiledCheck> checks = CheckCatalog.builtIn().checks();
        assertThat(checks.stream().filter(c -> !c.planned()).map(CompiledCheck::id).toList())
                .as("rules cel-java evaluates alone").isEmpty();
        assertThat(checks.stream().filter(c -> !c.compiled()).map(CompiledCheck::id).toList())
                .as("checks without a compiled verdict").isEmpty();
    }

    /** The faster ways, by name: each against cel-java alone. */
    private static Map<String, List<CompiledCheck>> fastWays(List<CompiledCheck> checks) {
        return Map.of("compiled verdicts and plans", checks,
                "compiled verdicts alone", checks.stream().map(CompiledCheck::compiledVerdictOnly).toList(),
                "plans alone", checks.stream().map(CompiledCheck::withoutCompiledVerdict).toList());
    }

    @Test
    void plannedEqualsCelJavaWithEveryCheckOnSeededRandomResources() throws Exception {
        List<CompiledCheck> planned = CheckCatalog.builtIn().checks();
        List<CompiledCheck> celJava = planned.stream().map(CompiledCheck::withoutPlans).toList();
        Map<String, List<CompiledCheck>> fastWays = fastWays(planned);
        List<JsonNode> cases = new ArrayList<>();
        for (CompiledCheck check : planned) {
            YAML.readTree(CaseRunner.casesText(check)).get("cases").forEach(cases::add);
        }
        RandomInventories random = new RandomInventories(SEED, cases.stream().map(c -> c.path("inventory")).toList());
        Map<String, Map<CheckStatus, Integer>> statuses = new HashMap<>();
        int compared = 0;
        int skipped = 0;
        for (JsonNode c : cases) {
            ZonePolicy policy = c.has("policy") ? ZonePolicyLoader.parse("case policy",
                    YAML.writeValueAsString(c.get("policy"))) : ZonePolicy.empty();
            Instant now = c.has("now") ? Instant.parse(c.get("now").asText()) : CaseRunner.DEFAULT_NOW;
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            int variants = RandomInventories.hasTimestamp(c.path("inventory")) ? 8 * VARIANTS_PER_CASE
                    : VARIANTS_PER_CASE;
            for (int v = 0; v < variants; v++) {
                JsonNode variant = random.variant(c.path("inventory"));
                Inventory inventory;
                try {
                    inventory = FixtureReader.inventory(variant);
                } catch (RuntimeException rejected) {
                    skipped++;
                    continue;
                }
                List<Finding> slow = new Evaluator(celJava, policy, List.of(), Map.of(), clock)
                        .evaluate(inventory, s -> true).findings();
                List<Finding> fast = null;
                for (Map.Entry<String, List<CompiledCheck>> way : fastWays.entrySet()) {
                    fast = new Evaluator(way.getValue(), policy, List.of(), Map.of(), clock)
                            .evaluate(inventory, s -> true).findings();
                    assertThat(render(fast)).as(way.getKey() + ", seed " + SEED + ", variant of '"
                            + c.path("name").asText() + "': " + variant).isEqualTo(render(slow));
                }
                for (Finding f : fast) {
                    statuses.computeIfAbsent(f.checkId(), k -> new EnumMap<>(CheckStatus.class))
                            .merge(f.status(), 1, Integer::sum);
                }
                compared++;
            }
        }
        assertThat(compared).as("variants compared (" + skipped + " rejected by the fixture reader)")
                .isGreaterThan(cases.size() * VARIANTS_PER_CASE / 2);
        assertThat(statuses.get("vm-template-stale").getOrDefault(CheckStatus.FAIL, 0)).isGreaterThan(20);
        for (String id : List.of("vm-template-stale", "esxi-firewall-open-to-all")) {
            assertThat(statuses.get(id)).as(id + " outcomes on random resources")
                    .containsKeys(CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.NOT_COLLECTED);
        }
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
                    List<String> celJava = render(new Evaluator(List.of(check.withoutPlans()), policy, List.of(),
                            Map.of(check.id(), params), clock).evaluate(inventory, s -> true).findings());
                    for (Map.Entry<String, List<CompiledCheck>> way : fastWays(List.of(check)).entrySet()) {
                        List<String> fast = render(new Evaluator(way.getValue(), policy, List.of(),
                                Map.of(check.id(), params), clock).evaluate(inventory, s -> true).findings());
                        assertThat(fast).as(way.getKey() + ": " + check.id() + " / " + c.path("name").asText())
                                .isEqualTo(celJava);
                    }
                }
            }));
        }
        return tests.stream();
    }

    private static List<String> render(List<Finding> findings) {
        return findings.stream().map(f -> f.checkId() + " " + f.resource().name() + " " + f.status() + " " + f.message() + " "
                + f.evidence()).sorted().toList();
    }
}

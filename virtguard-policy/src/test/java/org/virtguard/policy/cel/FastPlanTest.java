package org.virtguard.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.virtguard.policy.check.ResourceType;

/** The plan answers exactly as cel-java does, or leaves the answer to cel-java. */
class FastPlanTest {

    private static final RuleEnvironment ENV = new RuleEnvironment();

    private static final List<String> EXPRESSIONS = List.of(
            "vm.consoles.all(c, !c.beyondLoopback || c.passwordSet)",
            "vm.consoles.exists(c, c.beyondLoopback && !c.passwordSet)",
            "!vm.consoles.exists(c, c.beyondLoopback) && vm.name == 'a'",
            "vm.missing == 1 && false",
            "false && vm.missing == 1",
            "vm.missing == 1 || true",
            "vm.missing == 1 || false",
            "vm.missing == 'x' && true",
            "has(vm.missing) ? vm.missing == 1 : vm.vcpus > 1",
            "vm.consoles.map(c, c.type) == ['VNC', 'SPICE']",
            "size(vm.consoles.filter(c, c.beyondLoopback)) <= 1",
            "vm.consoles.exists_one(c, c.type == 'VNC')",
            "nics.all(a, !has(a.zone) || nics.all(b, !has(b.zone) || a.zone.trust == b.zone.trust))",
            "truthy(settingOr(vm, 'isolation.tools.copy.disable', 'true'))",
            "!truthy(setting(vm, 'isolation.tools.copy.disable'))",
            "!truthy(setting(vm, 'absent.key'))",
            "!truthy(setting(vm, 'uncollected.key'))",
            "!truthy(setting(vm, 'uncollected.key')) || vm.vcpus > 0",
            "vm.consoles.all(c, truthy(setting(vm, 'uncollected.key')) || c.passwordSet)",
            "truthy(settingOr(vm, 'bad.bool', 'true'))",
            "num(settingOr(vm, 'count', '40')) <= params.max",
            "num(settingOr(vm, 'bad.bool', '40')) <= params.max",
            "(now - vm.lastPowerOff) / 86400 <= params.max",
            "vm.name in params.names || vm.id in params.names",
            "vm.name.startsWith('we') && vm.name.endsWith('b') && vm.name.contains('e') && glob(vm.name, 'W*')",
            "vm.labels.exists(k, k == 'owner') && 'owner' in vm.labels",
            "vm.vcpus == 2.0",
            "vm.vcpus < params.ratio",
            "vm.consoles.all(c, c.port > 5000)",
            "vm.consoles.all(c, c.missing)",
            "vm.consoles.all(c, c.type == 'SPICE' || c.missing)",
            "vm.consoles[0].type == 'VNC' && vm.consoles[5].type == 'VNC'",
            "vm.labels['owner'] == 'me'",
            "vm.labels['nobody'] == 'me'");

    @Test
    void plannedResultsEqualCelJava() throws Exception {
        int decided = 0;
        for (Map<String, Object> vars : variableSets()) {
            for (String expression : EXPRESSIONS) {
                RuleEnvironment.Compiled c = ENV.compile(ResourceType.VM, expression);
                assertThat(c.ok()).as(expression + " " + c.issues()).isTrue();
                Object expected;
                try {
                    expected = c.program().eval(name -> Optional.ofNullable(vars.get(name)));
                } catch (Exception e) {
                    expected = "error";
                }
                if (c.plan() == null) {
                    continue;
                }
                Object planned;
                try {
                    planned = c.plan().eval(vars);
                } catch (NotCollectedException e) {
                    planned = "error";
                }
                if (planned != FastPlan.UNDECIDED) {
                    decided++;
                    assertThat(planned).as(expression + " on " + vars.get("vm")).isEqualTo(expected);
                }
            }
        }
        assertThat(decided).isGreaterThan(EXPRESSIONS.size() * variableSets().size() / 2);
    }

    @Test
    void ordinaryRulesArePlannedAndDecided() {
        Map<String, Object> vars = variableSets().get(0);
        for (String expression : List.of(EXPRESSIONS.get(0), EXPRESSIONS.get(12), EXPRESSIONS.get(13))) {
            FastPlan plan = ENV.compile(ResourceType.VM, expression).plan();
            assertThat(plan).as(expression).isNotNull();
            assertThat(plan.eval(vars)).as(expression).isInstanceOf(Boolean.class);
        }
        assertThat(ENV.compile(ResourceType.VM, "vm.name.matches('a.*')").plan()).isNull();
    }

    @Test
    void anAbsentValueIsNeverAPass() {
        Map<String, Object> console = new HashMap<>(Map.of("type", "VNC", "passwordSet", false));
        Map<String, Object> vars = vars(Map.of("name", "a", "consoles", List.of(console)), List.of());
        FastPlan plan = ENV.compile(ResourceType.VM, "vm.consoles.all(c, !c.beyondLoopback || c.passwordSet)").plan();
        assertThat(plan.eval(vars)).isSameAs(FastPlan.UNDECIDED);
    }

    private static List<Map<String, Object>> variableSets() {
        Map<String, Object> open = Map.of("type", "VNC", "beyondLoopback", true, "passwordSet", false, "port", 5900L);
        Map<String, Object> closed = Map.of("type", "SPICE", "beyondLoopback", false, "passwordSet", true, "port", 5901L);
        Map<String, Object> unknown = Map.of("type", "VNC", "passwordSet", false, "port", 42);
        Map<String, Object> zoneA = Map.of("name", "a", "trust", 10L);
        Map<String, Object> zoneB = Map.of("name", "b", "trust", 90L);
        return List.of(
                vars(vm("web", List.of(closed), Map.of("isolation.tools.copy.disable", "true", "count", "3")),
                        List.of(Map.of("zone", zoneA), Map.of("zone", zoneA))),
                vars(vm("web", List.of(open, closed), Map.of("isolation.tools.copy.disable", "false", "bad.bool", "maybe")),
                        List.of(Map.of("zone", zoneA), Map.of("zone", zoneB))),
                vars(vm("db", List.of(unknown, open), Map.of()), List.of(Map.of(), Map.of("zone", zoneB))),
                vars(vm("db", List.of(unknown, closed), Map.of("count", "x")), List.of(Map.of())),
                vars(vm("empty", List.of(), Map.of()), List.of()));
    }

    private static Map<String, Object> vm(String name, List<Object> consoles, Map<String, String> settings) {
        Map<String, Object> vm = new HashMap<>();
        vm.put("name", name);
        vm.put("id", name + "-1");
        vm.put("vcpus", 2L);
        vm.put("lastPowerOff", 1_000L);
        vm.put("consoles", consoles);
        vm.put("labels", Map.of("owner", "me"));
        vm.put("settings", settings);
        vm.put("notCollected", Map.of("uncollected.key", "permission denied"));
        return vm;
    }

    private static Map<String, Object> vars(Map<String, Object> vm, List<Object> nics) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("vm", vm);
        vars.put("nics", nics);
        vars.put("host", Map.of());
        vars.put("networks", List.of());
        vars.put("zones", List.of());
        vars.put("params", Map.of("max", 10L, "names", List.of("db", "x"), "ratio", 2.5));
        vars.put("policy", Map.of());
        vars.put("now", 1_000_000L);
        return vars;
    }
}

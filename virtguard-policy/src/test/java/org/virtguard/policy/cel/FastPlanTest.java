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

    static final List<String> EXPRESSIONS = List.of(
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
            "vm.labels['nobody'] == 'me'",
            "vm.labels['nobody'] == 'me' || true",
            "vm.settings.exists(k, k.startsWith('i') && truthy(vm.settings[k]))",
            "vm.consoles.exists(c, c.type == 'VNC') && vm.consoles[0].port > 1",
            "(now - int(timestamp(settingOr(vm, 'updated', '2024-05-01T10:00:00Z')))) / 86400 <= params.max",
            "int(timestamp(settingOr(vm, 'updated', 'garbage'))) > 0",
            "int(settingOr(vm, 'count', '7')) == 3",
            "int(vm.vcpus) == 2",
            "vm.name.matches('^w.b$') || matches(vm.name, 'd')",
            "vm.name.matches(params.names[0])",
            "vm.name.matches('[')",
            // fused paths, path == literal, !path, truthy(setting) and !truthy(setting), has() on a path
            "vm.labels.owner == 'me'",
            "vm.labels.nobody == 'me' || vm.name == 'db'",
            "!vm.consoles[0].passwordSet",
            "has(vm.labels.owner) && !has(vm.labels.nobody)",
            "vm.missing.deeper == 'x' || true",
            "!vm.labels.owner",
            "vm.name == 1",
            "!truthy(settingOr(vm, 'isolation.tools.copy.disable', 'false')) && vm.vcpus == 2",
            "truthy(setting(vm, 'bad.bool'))",
            "!truthy(setting(vm, 'count'))");

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
                // The same variables held by slot, as a scan holds them: the same answer.
                RuleVariables slots = new RuleVariables();
                slots.putAll(vars);
                Object bySlot;
                try {
                    bySlot = c.plan().eval(slots);
                } catch (NotCollectedException e) {
                    bySlot = "error";
                }
                assertThat(bySlot).as(expression + " by slot on " + vars.get("vm")).isEqualTo(planned);
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
        assertThat(ENV.compile(ResourceType.VM, "double(vm.vcpus) > 1.5").plan()).isNull();
    }

    /** Timestamp text the plan decides gives cel-java's value; any other text is left to cel-java. */
    @Test
    void timestampsAreDecidedAsCelJavaDoes() throws Exception {
        RuleEnvironment.Compiled c = ENV.compile(ResourceType.VM,
                "int(timestamp(setting(vm, 'updated'))) == params.max");
        assertThat(c.plan()).isNotNull();
        List<String> decidable = List.of("2024-05-01T10:00:00Z", "2026-11-01T23:59:59.5+02:00",
                "2026-11-22T00:00:00.123456789-11:30", "1969-12-31T23:59:59.999Z", "0002-01-01T00:00:00Z",
                "9998-12-31T23:59:59Z", "2024-02-29T12:00:00-00:00");
        List<String> leftToCel = List.of("2026-11-22t00:00:00z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:00:00-02:00",
                "2024-02-30T00:00:00Z", "2024-01-01T24:00:00Z", "2016-12-31T23:59:60Z", "2024-01-01T00:00:00",
                "2024-01-01T00:00:00+25:00", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00.1234567891Z", "1714557600",
                "");
        for (String text : decidable) {
            long expected = java.time.OffsetDateTime.parse(text).toEpochSecond();
            Map<String, Object> vars = vars(vm("t", List.of(), Map.of("updated", text)), List.of());
            vars.put("params", Map.of("max", expected));
            assertThat(c.program().eval(name -> Optional.ofNullable(vars.get(name)))).as("cel-java " + text).isEqualTo(true);
            assertThat(c.plan().eval(vars)).as(text).isEqualTo(true);
        }
        for (String text : leftToCel) {
            Map<String, Object> vars = vars(vm("t", List.of(), Map.of("updated", text)), List.of());
            assertThat(c.plan().eval(vars)).as(text).isSameAs(FastPlan.UNDECIDED);
        }
    }

    /** On random text, every value the plan decides for int(), timestamp() and matches() is cel-java's. */
    @Test
    void randomTextGivesCelJavaValues() throws Exception {
        java.util.Random random = new java.util.Random(20261122L);
        RuleEnvironment.Compiled ts = ENV.compileValue(ResourceType.VM, "int(timestamp(setting(vm, 'a')))");
        RuleEnvironment.Compiled num = ENV.compileValue(ResourceType.VM, "int(setting(vm, 'a')) + 1");
        RuleEnvironment.Compiled re = ENV.compileValue(ResourceType.VM, "setting(vm, 'a').matches(setting(vm, 'b'))");
        RuleEnvironment.Compiled literal = ENV.compileValue(ResourceType.VM, "setting(vm, 'a').matches('^a[b-d]*.?$')");
        int decided = 0;
        for (int i = 0; i < 3000; i++) {
            String a = switch (i % 4) {
                case 0 -> org.virtguard.policy.eval.RandomInventories.timestampNearThreshold(random);
                case 1 -> mangle(org.virtguard.policy.eval.RandomInventories.timestampNearThreshold(random), random);
                case 2 -> Long.toString(random.nextLong() >> random.nextInt(64)) + (random.nextInt(8) == 0 ? " " : "");
                default -> randomText("abcd.*?[]^$()|+", random);
            };
            String b = randomText("abcd.*?[]^$()|+\\", random);
            Map<String, Object> vars = vars(vm("t", List.of(), Map.of("a", a, "b", b)), List.of());
            for (RuleEnvironment.Compiled c : List.of(ts, num, re, literal)) {
                assertThat(c.plan()).isNotNull();
                Object expected;
                try {
                    expected = c.program().eval(name -> Optional.ofNullable(vars.get(name)));
                } catch (Exception e) {
                    expected = "error";
                }
                Object planned = c.plan().eval(vars);
                if (planned != FastPlan.UNDECIDED) {
                    decided++;
                    assertThat(planned).as(a + " / " + b).isEqualTo(expected);
                }
            }
        }
        assertThat(decided).isGreaterThan(3000 * 4 / 3);
    }

    private static String mangle(String text, java.util.Random random) {
        int at = random.nextInt(text.length());
        String chars = "0123456789-+:.TtZz ";
        return random.nextBoolean() ? text.substring(0, at) + text.substring(at + 1)
                : text.substring(0, at) + chars.charAt(random.nextInt(chars.length())) + text.substring(at + 1);
    }

    private static String randomText(String alphabet, java.util.Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(7);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void anAbsentValueIsNeverAPass() {
        Map<String, Object> console = new HashMap<>(Map.of("type", "VNC", "passwordSet", false));
        Map<String, Object> vars = vars(Map.of("name", "a", "consoles", List.of(console)), List.of());
        FastPlan plan = ENV.compile(ResourceType.VM, "vm.consoles.all(c, !c.beyondLoopback || c.passwordSet)").plan();
        assertThat(plan.eval(vars)).isSameAs(FastPlan.UNDECIDED);
    }

    static List<Map<String, Object>> variableSets() {
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

    /** A variable read by slot is the variable put under its name; an unknown name is refused. */
    @Test
    void ruleVariablesAreAMapOfTheDeclaredVariables() {
        RuleVariables v = new RuleVariables();
        v.put("vm", Map.of("name", "a"));
        v.put("now", 5L);
        assertThat(v).containsOnlyKeys("vm", "now").containsEntry("now", 5L);
        RuleVariables copy = v.copy();
        copy.put("now", 6L);
        copy.remove("vm");
        assertThat(v.get("now")).isEqualTo(5L);
        assertThat(copy).isEqualTo(Map.of("now", 6L));
        assertThat(RuleVariables.slotOf("network")).isNotNegative();
        assertThat(RuleVariables.slotOf("$platform")).isNegative();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> v.put("nope", 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        FastPlan plan = ENV.compile(ResourceType.VM, "vm.name == 'a' && now == 5").plan();
        assertThat(plan.eval(v)).isEqualTo(true);
        assertThat(plan.eval(copy)).isSameAs(FastPlan.UNDECIDED);
    }
}

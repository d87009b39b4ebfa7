package org.virtguard.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Collected;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.Setting;
import org.virtguard.model.VlanConfig;
import org.virtguard.policy.check.ResourceType;
import org.virtguard.policy.view.Views;

/** A compiled verdict is cel-java's answer, or UNDECIDED; it never decides where cel-java errs. */
class VerdictCompilerTest {

    private static final RuleEnvironment ENV = new RuleEnvironment();

    @Test
    void decidedVerdictsAreCelJavasOnPlainMaps() throws Exception {
        int decided = 0;
        int compiled = 0;
        for (String expression : FastPlanTest.EXPRESSIONS) {
            RuleEnvironment.Compiled c = ENV.compile(ResourceType.VM, expression);
            Optional<CompiledVerdict> verdict = VerdictCompiler.compile("t", null, c.ast());
            if (verdict.isEmpty()) {
                continue;
            }
            compiled++;
            for (Map<String, Object> vars : FastPlanTest.variableSets()) {
                RuleVariables slots = new RuleVariables();
                slots.putAll(vars);
                int v = verdict.get().verdict(slots);
                Object expected = celJava(c, vars);
                if (v != CompiledVerdict.UNDECIDED) {
                    decided++;
                    assertThat(expected).as(expression + " on " + vars.get("vm"))
                            .isEqualTo(v == CompiledVerdict.PASS ? Boolean.TRUE : Boolean.FALSE);
                }
            }
        }
        assertThat(compiled).as("expressions compiled").isGreaterThan(FastPlanTest.EXPRESSIONS.size() * 3 / 4);
        assertThat(decided).isGreaterThan(compiled * FastPlanTest.variableSets().size() / 3);
    }

    @Test
    void whatIsOutsideTheSubsetIsNotCompiled() {
        for (String expression : List.of("double(vm.vcpus) > 1.5", "vm.name.matches('^w')",
                "timestamp(settingOr(vm, 'updated', '2024-05-01T10:00:00Z')) > timestamp('2024-01-01T00:00:00Z')",
                "vm.vcpus > 1.5")) {
            RuleEnvironment.Compiled c = ENV.compile(ResourceType.VM, expression);
            assertThat(c.ok()).as(expression).isTrue();
            assertThat(VerdictCompiler.compile("t", null, c.ast())).as(expression).isEmpty();
        }
    }

    /** Field reads specialized to the view shapes: the real views decide, and other maps in their place too. */
    @Test
    void viewsAndOtherMapsInTheirPlaceGiveTheSameVerdicts() throws Exception {
        RuleEnvironment.Compiled applies = ENV.compile(ResourceType.NETWORK,
                "network.kind == 'STANDARD_PORT_GROUP' && !truthy(settingOr(network, 'uplink', 'false'))");
        RuleEnvironment.Compiled rule = ENV.compile(ResourceType.NETWORK,
                "!network.l2.promiscuous && (!has(network.vlan) || network.vlan.mode != 'ALL')");
        CompiledVerdict verdict = VerdictCompiler.compile("pg", applies.ast(), rule.ast()).orElseThrow();
        List<Network> networks = List.of(
                network("a", NetworkKind.STANDARD_PORT_GROUP, true, Map.of()),
                network("b", NetworkKind.STANDARD_PORT_GROUP, false, Map.of()),
                network("c", NetworkKind.STANDARD_PORT_GROUP, false, Map.of("uplink", Setting.ofString("uplink", "true"))),
                network("d", NetworkKind.DISTRIBUTED_PORT_GROUP, true, Map.of()),
                network("e", NetworkKind.STANDARD_PORT_GROUP, false,
                        Map.of("uplink", Setting.notCollected("uplink", org.virtguard.model.SettingType.STRING, "permission denied"))));
        List<Integer> fromViews = new ArrayList<>();
        List<Integer> fromMaps = new ArrayList<>();
        for (Network n : networks) {
            Map<String, Object> view = Views.network(n);
            fromViews.add(verdict.verdict(variables(view)));
            fromMaps.add(verdict.verdict(variables(new HashMap<>(view))));
        }
        assertThat(fromViews).containsExactly(CompiledVerdict.FAIL, CompiledVerdict.PASS,
                CompiledVerdict.NOT_APPLICABLE, CompiledVerdict.NOT_APPLICABLE, CompiledVerdict.UNDECIDED);
        assertThat(fromMaps).isEqualTo(fromViews);
    }

    @Test
    void errorsAndLimitsAreLeftUndecided() throws Exception {
        Map<String, Object> vm = new HashMap<>(Map.of("name", "a", "vcpus", Long.MAX_VALUE, "labels", Map.of(),
                "settings", Map.of("count", "x"), "notCollected", Map.of()));
        RuleVariables vars = new RuleVariables();
        vars.put("vm", vm);
        vars.put("now", 0L);
        vars.put("params", Map.of("big", java.util.stream.LongStream.range(0, 1_100).boxed().toList()));
        for (String expression : List.of("vm.vcpus + 1 > 0", "vm.vcpus / (now - now) == 1", "vm.missing == 'x'",
                "num(setting(vm, 'count')) > 0", "vm.name == 1", "setting(vm, 'absent') == ''",
                "params.big.all(x, params.big.all(y, x >= 0))")) {
            RuleEnvironment.Compiled c = ENV.compile(ResourceType.VM, expression);
            assertThat(VerdictCompiler.compile("t", null, c.ast()).orElseThrow().verdict(vars)).as(expression)
                    .isEqualTo(CompiledVerdict.UNDECIDED);
        }
        RuleEnvironment.Compiled ok = ENV.compile(ResourceType.VM, "params.big.all(x, x >= 0) && size(vm.labels) == 0");
        assertThat(VerdictCompiler.compile("t", null, ok.ast()).orElseThrow().verdict(vars))
                .isEqualTo(CompiledVerdict.PASS);
    }

    private static RuleVariables variables(Map<String, Object> network) {
        RuleVariables v = new RuleVariables();
        v.put("network", network);
        return v;
    }

    private static Network network(String name, NetworkKind kind, boolean promiscuous, Map<String, Setting> settings) {
        return new Network("h/" + name, "h", name, kind, "vSwitch0", null, null, Collected.of(VlanConfig.access(10)),
                List.of(), new L2SecurityPolicy(Collected.of(promiscuous), Collected.of(false), Collected.of(false)), true,
                settings);
    }

    private static Object celJava(RuleEnvironment.Compiled c, Map<String, Object> vars) {
        try {
            return c.program().eval(name -> Optional.ofNullable(vars.get(name)));
        } catch (Exception e) {
            return "error";
        }
    }
}

package org.virtguard.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.policy.check.ResourceType;

/**
 * Seeded random rules (logic, ternaries of every type, integer arithmetic, comparisons, membership, settings and
 * nested comprehensions) compiled to verdicts and planned: on every variable set, each answer given is cel-java's.
 */
class RandomExpressionTest {

    private static final RuleEnvironment ENV = new RuleEnvironment();
    private static final int EXPRESSIONS = 400;

    @ParameterizedTest
    @ValueSource(longs = {20261122L, 7L, 1234567L})
    void compiledAndPlannedAnswersAreCelJavas(long seed) throws Exception {
        Random random = new Random(seed);
        List<Map<String, Object>> sets = FastPlanTest.variableSets();
        int compiled = 0;
        int decided = 0;
        for (int i = 0; i < EXPRESSIONS; i++) {
            String expression = new Generator(random).bool(4);
            RuleEnvironment.Compiled c = ENV.compile(ResourceType.VM, expression);
            assertThat(c.ok()).as(expression + " " + c.issues()).isTrue();
            Optional<CompiledVerdict> verdict = VerdictCompiler.compile("random", null, c.ast());
            if (verdict.isPresent()) {
                compiled++;
            }
            for (Map<String, Object> vars : sets) {
                Object expected;
                try {
                    expected = c.program().eval(name -> Optional.ofNullable(vars.get(name)));
                } catch (Exception e) {
                    expected = "error";
                }
                RuleVariables slots = new RuleVariables();
                slots.putAll(vars);
                if (verdict.isPresent()) {
                    int v = verdict.get().verdict(slots);
                    if (v != CompiledVerdict.UNDECIDED) {
                        decided++;
                        assertThat(v == CompiledVerdict.PASS ? (Object) true : (Object) false)
                                .as("seed " + seed + ": " + expression + " on " + vars.get("vm")).isEqualTo(expected);
                    }
                }
                if (c.plan() != null) {
                    Object planned;
                    try {
                        planned = c.plan().eval(slots);
                    } catch (NotCollectedException e) {
                        planned = "error";
                    }
                    if (planned != FastPlan.UNDECIDED) {
                        assertThat(planned).as("plan, seed " + seed + ": " + expression).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(compiled).as("compiled of " + EXPRESSIONS).isEqualTo(EXPRESSIONS);
        assertThat(decided).as("decided of " + EXPRESSIONS * sets.size()).isGreaterThan(EXPRESSIONS * sets.size() / 3);
    }

    /** Random well-typed rules over a VM's variables, bounded in depth. */
    private record Generator(Random random) {

        String bool(int depth) {
            int pick = random.nextInt(depth <= 0 ? 6 : 17);
            return switch (pick) {
                case 0 -> random.nextBoolean() ? "true" : "false";
                case 1 -> "has(vm." + field() + ")";
                case 2 -> integer(depth - 1) + " " + pickOf("<", "<=", ">", ">=", "==", "!=") + " " + integer(depth - 1);
                case 3 -> text(depth - 1) + " " + pickOf("==", "!=") + " " + text(depth - 1);
                case 4 -> "truthy(settingOr(vm, '" + pickOf("isolation.tools.copy.disable", "absent.key") + "', 'true'))";
                case 5 -> text(depth - 1) + " in " + list(depth - 1);
                case 6 -> "!(" + bool(depth - 1) + ")";
                case 7, 8 -> "(" + bool(depth - 1) + ") " + pickOf("&&", "||") + " (" + bool(depth - 1) + ")";
                case 9 -> "(" + bool(depth - 1) + " ? " + bool(depth - 1) + " : " + bool(depth - 1) + ")";
                case 10 -> "vm.consoles." + pickOf("all", "exists", "exists_one") + "(c, " + console(depth - 1) + ")";
                case 11 -> "nics.all(a, !has(a.zone) || nics.exists(b, has(b.zone) && a.zone.trust "
                        + pickOf("==", "<=") + " b.zone.trust))";
                case 12 -> "size(" + list(depth - 1) + ") " + pickOf("<", ">=") + " " + integer(depth - 1);
                case 13 -> text(depth - 1) + "." + pickOf("startsWith", "endsWith", "contains") + "(" + text(depth - 1) + ")";
                case 14 -> "glob(" + text(depth - 1) + ", '" + pickOf("w*", "*b", "d?", "*") + "')";
                case 15 -> "vm.labels.exists(k, k == " + text(depth - 1) + ")";
                default -> "'owner' in vm.labels && vm.labels['owner'] == " + text(depth - 1);
            };
        }

        String console(int depth) {
            return switch (random.nextInt(5)) {
                case 0 -> "c.beyondLoopback";
                case 1 -> "!c.passwordSet || c.beyondLoopback";
                case 2 -> "c.port > " + integer(depth);
                case 3 -> "c.type == " + text(depth);
                default -> bool(depth);
            };
        }

        String integer(int depth) {
            int pick = random.nextInt(depth <= 0 ? 4 : 9);
            return switch (pick) {
                case 0 -> Long.toString(random.nextInt(7) - 2);
                case 1 -> pickOf("vm.vcpus", "now", "vm.lastPowerOff", "params.max");
                case 2 -> "size(vm.consoles)";
                case 3 -> "num(settingOr(vm, '" + pickOf("count", "bad.bool", "absent.key") + "', '3'))";
                case 4, 5 -> "(" + integer(depth - 1) + " " + pickOf("+", "-", "*", "/", "%") + " "
                        + integer(depth - 1) + ")";
                case 6 -> "(" + bool(depth - 1) + " ? " + integer(depth - 1) + " : " + integer(depth - 1) + ")";
                case 7 -> "-" + integer(depth - 1);
                default -> "int(settingOr(vm, 'count', '7'))";
            };
        }

        String text(int depth) {
            int pick = random.nextInt(depth <= 0 ? 4 : 6);
            return switch (pick) {
                case 0 -> "'" + pickOf("web", "db", "VNC", "me", "") + "'";
                case 1 -> pickOf("vm.name", "vm.id", "vm.labels.owner");
                case 2 -> "settingOr(vm, '" + pickOf("isolation.tools.copy.disable", "absent.key") + "', 'x')";
                case 3 -> "params.names[0]";
                case 4 -> "(" + bool(depth - 1) + " ? " + text(depth - 1) + " : " + text(depth - 1) + ")";
                default -> "(" + text(depth - 1) + " + " + text(depth - 1) + ")";
            };
        }

        String list(int depth) {
            return switch (random.nextInt(depth <= 0 ? 2 : 4)) {
                case 0 -> "['web', 'db']";
                case 1 -> "params.names";
                case 2 -> "vm.consoles.map(c, c.type)";
                default -> "vm.consoles.filter(c, " + console(depth - 1) + ").map(c, c.type)";
            };
        }

        private String field() {
            return pickOf("name", "labels", "missing", "consoles", "owner");
        }

        private String pickOf(String... options) {
            return options[random.nextInt(options.length)];
        }
    }
}

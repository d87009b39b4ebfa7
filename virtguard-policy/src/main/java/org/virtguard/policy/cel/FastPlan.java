package org.virtguard.policy.cel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;

/**
 * A direct evaluator for the subset of CEL that rules use (identifiers, field selection on maps, {@code has},
 * literals, logic, comparisons of plain values, comprehensions and this library's functions), planned once from
 * the type-checked AST. It only ever answers with a value cel-java would give too: anything outside the subset
 * (an unsupported construct is found when planning, an unexpected runtime type or any error when evaluating) makes
 * {@link #eval} report {@link #UNDECIDED}, and the caller evaluates the expression with cel-java, which then also
 * decides every error, NOT_COLLECTED included.
 */
public final class FastPlan {

    /** Returned by {@link #eval} when the expression must be evaluated by cel-java. */
    public static final Object UNDECIDED = new Object();

    /** Thrown inside the plan to give up; cel-java evaluates instead. */
    private static final class Undecided extends RuntimeException {
        Undecided() {
            super(null, null, false, false);
        }
    }

    /** A key read from a map that does not hold it: an error that CEL's commutative logic may absorb. */
    private static final class Absent extends RuntimeException {
        Absent() {
            super(null, null, false, false);
        }
    }

    private static final Object[] NO_SLOTS = new Object[0];
    private static final Undecided UNDECIDED_ERROR = new Undecided();
    private static final Absent ABSENT = new Absent();
    /** An accumulator holding an absorbed error (a comprehension step that read an absent key). */
    private static final Object ABSENT_VALUE = new Object();

    /** Planning stops here: the expression is outside the subset. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private interface Node {
        Object eval(Frame f);
    }

    /** A literal. */
    private record Const(Object value) implements Node {
        @Override
        public Object eval(Frame f) {
            return value;
        }
    }

    /** A variable of the environment (not a comprehension variable). */
    private record Global(String name) implements Node {
        @Override
        public Object eval(Frame f) {
            Object v = f.variables.get(name);
            if (v == null) {
                throw undecided();
            }
            return v;
        }
    }

    private static final class Frame {
        final Map<String, ?> variables;
        final Object[] slots;
        long iterations;

        Frame(Map<String, ?> variables, int slotCount) {
            this.variables = variables;
            this.slots = slotCount == 0 ? NO_SLOTS : new Object[slotCount];
        }
    }

    private final Node root;
    private final int slotCount;

    private FastPlan(Node root, int slotCount) {
        this.root = root;
        this.slotCount = slotCount;
    }

    /** Plans a checked AST; empty when it uses anything outside the supported subset. */
    static Optional<FastPlan> plan(CelAbstractSyntaxTree ast) {
        Planner p = new Planner(ast);
        try {
            Node root = p.node(ast.getExpr());
            return Optional.of(new FastPlan(root, p.slots));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /**
     * The expression's value over {@code variables} (the ones cel-java would resolve), or {@link #UNDECIDED} when
     * cel-java must evaluate it.
     *
     * @throws NotCollectedException when a function raised it outside any construct that could absorb it (CEL's
     *         logical operators and comprehension steps), so that cel-java would end with the same exception
     */
    public Object eval(Map<String, ?> variables) {
        Frame f = new Frame(variables, slotCount);
        try {
            return root.eval(f);
        } catch (NotCollectedException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return UNDECIDED;
        }
    }

    private static Undecided undecided() {
        return UNDECIDED_ERROR;
    }

    private static final class Planner {
        final CelAbstractSyntaxTree ast;
        final Deque<Map.Entry<String, Integer>> locals = new ArrayDeque<>();
        int slots;

        Planner(CelAbstractSyntaxTree ast) {
            this.ast = ast;
        }

        Node node(CelExpr e) throws Unsupported {
            return switch (e.getKind()) {
                case CONSTANT -> constant(e.constant());
                case IDENT -> ident(e);
                case SELECT -> select(e);
                case CALL -> call(e);
                case LIST -> list(e);
                case COMPREHENSION -> comprehension(e);
                default -> throw new Unsupported();
            };
        }

        private static Node constant(CelConstant c) throws Unsupported {
            Object v = switch (c.getKind()) {
                case BOOLEAN_VALUE -> c.booleanValue();
                case INT64_VALUE -> c.int64Value();
                case DOUBLE_VALUE -> c.doubleValue();
                case STRING_VALUE -> c.stringValue();
                default -> throw new Unsupported();
            };
            return new Const(v);
        }

        private Node ident(CelExpr e) throws Unsupported {
            String name = e.ident().name();
            for (Map.Entry<String, Integer> local : locals) {
                if (local.getKey().equals(name)) {
                    int slot = local.getValue();
                    return f -> {
                        Object v = f.slots[slot];
                        if (v == ABSENT_VALUE) {
                            throw ABSENT;
                        }
                        return v;
                    };
                }
            }
            Optional<CelReference> ref = ast.getReference(e.id());
            if (ref.isPresent()) {
                if (ref.get().value().isPresent()) {
                    throw new Unsupported();
                }
                if (!ref.get().name().isEmpty()) {
                    name = ref.get().name();
                }
            }
            return new Global(name);
        }

        private Node select(CelExpr e) throws Unsupported {
            if (ast.getReference(e.id()).isPresent()) {
                throw new Unsupported();
            }
            Node operand = node(e.select().operand());
            String field = e.select().field();
            if (e.select().testOnly()) {
                return f -> {
                    if (operand.eval(f) instanceof Map<?, ?> m) {
                        return m.containsKey(field);
                    }
                    throw undecided();
                };
            }
            if (operand instanceof Global g) {
                String variable = g.name();
                return f -> {
                    if (f.variables.get(variable) instanceof Map<?, ?> m) {
                        return field(m, field);
                    }
                    throw undecided();
                };
            }
            return f -> {
                if (operand.eval(f) instanceof Map<?, ?> m) {
                    return field(m, field);
                }
                throw undecided();
            };
        }

        private static Object field(Map<?, ?> m, String field) {
            Object v = m.get(field);
            if (v != null) {
                return v;
            }
            if (m.containsKey(field)) {
                throw undecided();
            }
            throw ABSENT;
        }

        private Node list(CelExpr e) throws Unsupported {
            if (!e.list().optionalIndices().isEmpty()) {
                throw new Unsupported();
            }
            Node[] elements = nodes(e.list().elements());
            return f -> {
                List<Object> out = new ArrayList<>(elements.length);
                for (Node n : elements) {
                    out.add(n.eval(f));
                }
                return out;
            };
        }

        private Node[] nodes(List<CelExpr> exprs) throws Unsupported {
            Node[] out = new Node[exprs.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node(exprs.get(i));
            }
            return out;
        }

        private Node comprehension(CelExpr e) throws Unsupported {
            CelExpr.CelComprehension c = e.comprehension();
            if (!c.iterVar2().isEmpty()) {
                throw new Unsupported();
            }
            Node range = node(c.iterRange());
            Node init = node(c.accuInit());
            int accu = slots++;
            int iter = slots++;
            locals.push(Map.entry(c.accuVar(), accu));
            locals.push(Map.entry(c.iterVar(), iter));
            Node condition = node(c.loopCondition());
            Node step = node(c.loopStep());
            locals.pop();
            Node result = node(c.result());
            locals.pop();
            return f -> {
                Object r = range.eval(f);
                Iterable<?> items;
                if (r instanceof List<?> l) {
                    items = l;
                } else if (r instanceof Map<?, ?> m) {
                    items = m.keySet();
                } else {
                    throw undecided();
                }
                f.slots[accu] = init.eval(f);
                for (Object item : items) {
                    if (++f.iterations > RuleEnvironment.MAX_ITERATIONS) {
                        throw undecided();
                    }
                    f.slots[iter] = item;
                    Object go = condition.eval(f);
                    if (!(go instanceof Boolean b)) {
                        throw undecided();
                    }
                    if (!b) {
                        break;
                    }
                    Object next;
                    try {
                        next = step.eval(f);
                    } catch (Absent absent) {
                        next = ABSENT_VALUE;
                    } catch (NotCollectedException absorbable) {
                        throw undecided();
                    }
                    f.slots[accu] = next;
                }
                return result.eval(f);
            };
        }

        private Node call(CelExpr e) throws Unsupported {
            CelExpr.CelCall call = e.call();
            List<CelExpr> argExprs = new ArrayList<>();
            call.target().ifPresent(argExprs::add);
            argExprs.addAll(call.args());
            Node[] a = nodes(argExprs);
            String fn = call.function();
            boolean member = call.target().isPresent();
            if (member && !(fn.equals("size") || fn.equals("startsWith") || fn.equals("endsWith")
                    || fn.equals("contains"))) {
                throw new Unsupported();
            }
            return switch (fn) {
                case "_&&_" -> and(a[0], a[1]);
                case "_||_" -> or(a[0], a[1]);
                case "!_" -> f -> !bool(a[0].eval(f));
                case "_?_:_" -> f -> bool(a[0].eval(f)) ? a[1].eval(f) : a[2].eval(f);
                case "@not_strictly_false", "not_strictly_false" -> f -> {
                    Object v = value(a[0], f);
                    if (v == ABSENT_VALUE) {
                        return true;
                    }
                    return bool(v);
                };
                case "_==_" -> f -> equal(a[0].eval(f), a[1].eval(f));
                case "_!=_" -> f -> !equal(a[0].eval(f), a[1].eval(f));
                case "_<_" -> f -> compare(a[0].eval(f), a[1].eval(f)) < 0;
                case "_<=_" -> f -> compare(a[0].eval(f), a[1].eval(f)) <= 0;
                case "_>_" -> f -> compare(a[0].eval(f), a[1].eval(f)) > 0;
                case "_>=_" -> f -> compare(a[0].eval(f), a[1].eval(f)) >= 0;
                case "_+_" -> f -> plus(a[0].eval(f), a[1].eval(f));
                case "_-_" -> f -> {
                    if (a[0].eval(f) instanceof Long x && a[1].eval(f) instanceof Long y) {
                        return Math.subtractExact(x, y);
                    }
                    throw undecided();
                };
                case "-_" -> f -> {
                    if (a[0].eval(f) instanceof Long x) {
                        return Math.negateExact(x);
                    }
                    throw undecided();
                };
                case "_*_" -> f -> {
                    if (a[0].eval(f) instanceof Long x && a[1].eval(f) instanceof Long y) {
                        return Math.multiplyExact(x, y);
                    }
                    throw undecided();
                };
                case "_/_" -> f -> {
                    if (a[0].eval(f) instanceof Long x && a[1].eval(f) instanceof Long y && y != 0
                            && !(x == Long.MIN_VALUE && y == -1)) {
                        return x / y;
                    }
                    throw undecided();
                };
                case "_%_" -> f -> {
                    if (a[0].eval(f) instanceof Long x && a[1].eval(f) instanceof Long y && y != 0
                            && !(x == Long.MIN_VALUE && y == -1)) {
                        return x % y;
                    }
                    throw undecided();
                };
                case "num" -> f -> num(string(a[0].eval(f)));
                case "@in" -> f -> in(a[0].eval(f), a[1].eval(f));
                case "size" -> f -> size(a[0].eval(f));
                case "startsWith" -> f -> string(a[0].eval(f)).startsWith(string(a[1].eval(f)));
                case "endsWith" -> f -> string(a[0].eval(f)).endsWith(string(a[1].eval(f)));
                case "contains" -> f -> string(a[0].eval(f)).contains(string(a[1].eval(f)));
                case "setting" -> setting(a[0], a[1], null);
                case "settingOr" -> setting(a[0], a[1], a[2]);
                case "truthy" -> f -> truthy(string(a[0].eval(f)));
                case "glob" -> f -> Globs.matches(string(a[0].eval(f)), string(a[1].eval(f)));
                default -> throw new Unsupported();
            };
        }
    }

    /**
     * A value, or {@link #ABSENT_VALUE} for an absent key, for operators that may absorb errors; other errors are
     * left to cel-java.
     */
    private static Object value(Node n, Frame f) {
        try {
            return n.eval(f);
        } catch (Absent e) {
            return ABSENT_VALUE;
        } catch (NotCollectedException e) {
            throw undecided();
        }
    }

    /** {@code setting(obj, key)} or, with a default, {@code settingOr(obj, key, default)}; literals read once. */
    private static Node setting(Node obj, Node key, Node fallback) {
        if (key instanceof Const(String k)) {
            if (fallback == null) {
                return f -> RuleFunctions.setting(map(obj.eval(f)), k, null);
            }
            if (fallback instanceof Const(String d)) {
                return f -> RuleFunctions.setting(map(obj.eval(f)), k, d);
            }
        }
        return f -> RuleFunctions.setting(map(obj.eval(f)), string(key.eval(f)),
                fallback == null ? null : string(fallback.eval(f)));
    }

    private static Node and(Node left, Node right) {
        return f -> {
            Object l = value(left, f);
            if (l instanceof Boolean b && !b) {
                return false;
            }
            Object r = value(right, f);
            if (r instanceof Boolean b && !b) {
                return false;
            }
            if (l == ABSENT_VALUE || r == ABSENT_VALUE) {
                if ((l == ABSENT_VALUE || l instanceof Boolean) && (r == ABSENT_VALUE || r instanceof Boolean)) {
                    throw ABSENT;
                }
                throw undecided();
            }
            if (l instanceof Boolean && r instanceof Boolean) {
                return true;
            }
            throw undecided();
        };
    }

    private static Node or(Node left, Node right) {
        return f -> {
            Object l = value(left, f);
            if (l instanceof Boolean b && b) {
                return true;
            }
            Object r = value(right, f);
            if (r instanceof Boolean b && b) {
                return true;
            }
            if (l == ABSENT_VALUE || r == ABSENT_VALUE) {
                if ((l == ABSENT_VALUE || l instanceof Boolean) && (r == ABSENT_VALUE || r instanceof Boolean)) {
                    throw ABSENT;
                }
                throw undecided();
            }
            if (l instanceof Boolean && r instanceof Boolean) {
                return false;
            }
            throw undecided();
        };
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == ABSENT_VALUE) {
            throw ABSENT;
        }
        throw undecided();
    }

    private static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw v == ABSENT_VALUE ? ABSENT : undecided();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw v == ABSENT_VALUE ? ABSENT : undecided();
    }

    private static boolean truthy(String text) {
        try {
            return RuleFunctions.truthy(text);
        } catch (CelEvaluationException e) {
            throw undecided();
        }
    }

    private static long num(String text) {
        try {
            return RuleFunctions.num(text);
        } catch (CelEvaluationException e) {
            throw undecided();
        }
    }

    /** CEL equality for plain values of one type; anything else is left to cel-java. */
    private static boolean equal(Object x, Object y) {
        if (x instanceof String a && y instanceof String b) {
            return a.equals(b);
        }
        if (x instanceof Long a && y instanceof Long b) {
            return a.longValue() == b.longValue();
        }
        if (x instanceof Boolean a && y instanceof Boolean b) {
            return a.booleanValue() == b.booleanValue();
        }
        if (x instanceof Double a && y instanceof Double b) {
            return a.doubleValue() == b.doubleValue();
        }
        throw x == ABSENT_VALUE || y == ABSENT_VALUE ? ABSENT : undecided();
    }

    private static int compare(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        if (x instanceof String a && y instanceof String b && isBmp(a) && isBmp(b)) {
            return Integer.signum(a.compareTo(b));
        }
        throw undecided();
    }

    private static boolean isBmp(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Object plus(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return Math.addExact(a, b);
        }
        if (x instanceof String a && y instanceof String b) {
            return a + b;
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            List<Object> out = new ArrayList<>(a.size() + b.size());
            out.addAll(a);
            out.addAll(b);
            return out;
        }
        throw undecided();
    }

    private static boolean in(Object item, Object container) {
        if (container instanceof List<?> l) {
            for (Object o : l) {
                if (equal(item, o)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> m && item instanceof String key) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw undecided();
                }
            }
            return m.containsKey(key);
        }
        throw undecided();
    }

    private static long size(Object v) {
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (v instanceof List<?> l) {
            return l.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        throw undecided();
    }
}

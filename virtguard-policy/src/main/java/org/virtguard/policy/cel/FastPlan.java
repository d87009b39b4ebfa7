package org.virtguard.policy.cel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;

import org.virtguard.policy.view.CompactMap;

/**
 * A direct evaluator for the subset of CEL that rules use (identifiers, field selection on maps, {@code has},
 * literals, logic, comparisons of plain values, indexing, comprehensions, {@code int()}, {@code timestamp()} of
 * RFC 3339 text, {@code matches()} and this library's functions), planned once from the type-checked AST.
 * Field reads on {@link CompactMap} views remember the field's index per shape, so they are array reads. It only ever answers with a value cel-java would give too: anything outside the subset
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

    /** A CEL timestamp inside the plan; never returned (a rule that would return one is left to cel-java). */
    record Ts(long seconds, int nanos) {
    }

    /** The RFC 3339 subset decided here; anything else goes to cel-java. */
    private static final java.util.regex.Pattern RFC3339 = java.util.regex.Pattern.compile(
            "(\\d{4})-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

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

    /**
     * A variable of the environment (not a comprehension variable), read from its slot when the variables are
     * {@link RuleVariables}, else looked up by name.
     */
    private record Global(String name, int slot) implements Node {
        Global(String name) {
            this(name.intern(), RuleVariables.slotOf(name));
        }

        @Override
        public Object eval(Frame f) {
            Map<String, ?> variables = f.variables;
            Object v = slot >= 0 && variables instanceof RuleVariables r ? r.valueAt(slot) : variables.get(name);
            if (v == null) {
                throw undecided();
            }
            return v;
        }
    }

    /**
     * Field selections on a variable ({@code network.l2.promiscuous}) as one node: the same reads, one after the
     * other, as the nested selections they replace, without a dispatch per field.
     */
    private record Path(Global root, FieldReader[] readers) implements Node {
        @Override
        public Object eval(Frame f) {
            Object v = root.eval(f);
            for (FieldReader r : readers) {
                v = read(r, v);
            }
            return v;
        }

        Path then(FieldReader reader) {
            FieldReader[] more = java.util.Arrays.copyOf(readers, readers.length + 1);
            more[readers.length] = reader;
            return new Path(root, more);
        }
    }

    /**
     * One evaluation's state. Evaluations never nest (functions rules call do not evaluate plans), so a frame is
     * reused: the one kept in {@link RuleVariables}, else this thread's (or a fresh one for a plan without
     * comprehensions, cheaper than the thread lookup).
     */
    private static final class Frame {
        Map<String, ?> variables;
        Object[] slots = NO_SLOTS;
        long iterations;

        void reset(Map<String, ?> variables, int slotCount) {
            this.variables = variables;
            this.iterations = 0;
            if (slots.length < slotCount) {
                slots = new Object[slotCount];
            }
        }

        /** Drops references to the resource's values so that the frame does not keep them alive. */
        void clear(int slotCount) {
            variables = null;
            if (slotCount > 0) {
                java.util.Arrays.fill(slots, 0, slotCount, null);
            }
        }
    }

    private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);

    private final Node root;
    private final int slotCount;

    private FastPlan(Node root, int slotCount) {
        this.root = root;
        this.slotCount = slotCount;
    }

    /**
     * Plans a checked AST; empty when it uses anything outside the supported subset.
     *
     * @param options the options cel-java evaluates with (regular expression size limit and partial matching)
     */
    static Optional<FastPlan> plan(CelAbstractSyntaxTree ast, CelOptions options) {
        Planner p = new Planner(ast, options);
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
        Frame f;
        if (variables instanceof RuleVariables r) {
            // Evaluations over one set of variables never overlap: its own frame, found without a thread lookup.
            if (r.scratch instanceof Frame own) {
                f = own;
            } else {
                f = new Frame();
                r.scratch = f;
            }
        } else if (slotCount == 0) {
            f = new Frame();
        } else {
            f = FRAMES.get();
        }
        f.reset(variables, slotCount);
        try {
            Object v = root.eval(f);
            return v instanceof Ts ? UNDECIDED : v;
        } catch (NotCollectedException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return UNDECIDED;
        } finally {
            f.clear(slotCount);
        }
    }

    /**
     * The environment variable an identifier names, as the checker resolved it, or null when the checker resolved it
     * to a constant value (an enum, a type) rather than a variable.
     */
    static String variableName(CelAbstractSyntaxTree ast, CelExpr ident) {
        Optional<CelReference> ref = ast.getReference(ident.id());
        if (ref.isEmpty()) {
            return ident.ident().name();
        }
        if (ref.get().value().isPresent()) {
            return null;
        }
        return ref.get().name().isEmpty() ? ident.ident().name() : ref.get().name();
    }

    private static Undecided undecided() {
        return UNDECIDED_ERROR;
    }

    private static final class Planner {
        final CelAbstractSyntaxTree ast;
        final CelOptions options;
        final Deque<Map.Entry<String, Integer>> locals = new ArrayDeque<>();
        int slots;

        Planner(CelAbstractSyntaxTree ast, CelOptions options) {
            this.ast = ast;
            this.options = options;
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
                case STRING_VALUE -> c.stringValue().intern();
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
            String global = variableName(ast, e);
            if (global == null) {
                throw new Unsupported();
            }
            return new Global(global);
        }

        private Node select(CelExpr e) throws Unsupported {
            if (ast.getReference(e.id()).isPresent()) {
                throw new Unsupported();
            }
            Node operand = node(e.select().operand());
            FieldReader reader = new FieldReader(e.select().field());
            if (e.select().testOnly()) {
                if (operand instanceof Path p) {
                    return f -> has(reader, p.eval(f));
                }
                return f -> has(reader, operand.eval(f));
            }
            if (operand instanceof Global g) {
                return new Path(g, new FieldReader[] {reader});
            }
            if (operand instanceof Path p) {
                return p.then(reader);
            }
            return f -> read(reader, operand.eval(f));
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
                    || fn.equals("contains") || fn.equals("matches"))) {
                throw new Unsupported();
            }
            return switch (fn) {
                case "_&&_" -> and(a[0], a[1]);
                case "_||_" -> or(a[0], a[1]);
                case "!_" -> not(a[0]);
                case "_?_:_" -> f -> bool(a[0].eval(f)) ? a[1].eval(f) : a[2].eval(f);
                case "@not_strictly_false", "not_strictly_false" -> f -> {
                    Object v = value(a[0], f);
                    if (v == ABSENT_VALUE) {
                        return true;
                    }
                    return bool(v);
                };
                case "_==_" -> a[0] instanceof Path p && a[1] instanceof Const(Object c)
                        ? f -> equal(p.eval(f), c) : f -> equal(a[0].eval(f), a[1].eval(f));
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
                case "truthy" -> a[0] instanceof Setting st ? new Truthy(st) : f -> truthy(string(a[0].eval(f)));
                case "glob" -> f -> Globs.matches(string(a[0].eval(f)), string(a[1].eval(f)));
                case "_[_]" -> f -> index(a[0].eval(f), a[1].eval(f));
                case "int" -> f -> toInt(a[0].eval(f));
                case "timestamp" -> f -> timestamp(a[0].eval(f));
                case "matches" -> matches(a[0], a[1], options);
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

    /** {@code !x}, calling a path, setting or {@code truthy} operand directly. */
    private static Node not(Node operand) {
        if (operand instanceof Path p) {
            return f -> !bool(p.eval(f));
        }
        if (operand instanceof Truthy t) {
            return f -> !t.test(f);
        }
        return f -> !bool(operand.eval(f));
    }

    /**
     * {@code setting(obj, key)} or {@code settingOr(obj, key, default)} with literal key and default, on a variable
     * or a path: a view's settings maps read by their index.
     */
    private record Setting(Node obj, String key, String fallback, FieldReader notCollected, FieldReader settings)
            implements Node {
        Setting(Node obj, String key, String fallback) {
            this(obj, key, fallback, new FieldReader(org.virtguard.policy.view.Views.NOT_COLLECTED),
                    new FieldReader("settings"));
        }

        @Override
        public Object eval(Frame f) {
            return text(f);
        }

        String text(Frame f) {
            Object o = obj instanceof Global g ? g.eval(f) : obj instanceof Path p ? p.eval(f) : obj.eval(f);
            return settingText(o, notCollected, settings, key, fallback);
        }
    }

    /** {@code setting}/{@code settingOr} on an object, a view's {@code notCollected} and {@code settings} read by index. */
    static String settingText(Object o, FieldReader notCollected, FieldReader settings, String key, String fallback) {
        if (o instanceof CompactMap m) {
            return RuleFunctions.setting(notCollected.valueOrNull(m), settings.valueOrNull(m), key, fallback);
        }
        return RuleFunctions.setting(map(o), key, fallback);
    }

    /** {@code truthy(setting(...))} or {@code truthy(settingOr(...))}. */
    private record Truthy(Setting setting) implements Node {
        @Override
        public Object eval(Frame f) {
            return test(f);
        }

        boolean test(Frame f) {
            return truthy(setting.text(f));
        }
    }

    /**
     * {@code setting(obj, key)} or, with a default, {@code settingOr(obj, key, default)}; literals read once, and
     * a view's settings maps read by their index.
     */
    private static Node setting(Node obj, Node key, Node fallback) {
        String d = fallback instanceof Const(String literal) ? literal : null;
        if (key instanceof Const(String k) && (fallback == null || d != null)) {
            return new Setting(obj, k, d);
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

    static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == ABSENT_VALUE) {
            throw ABSENT;
        }
        throw undecided();
    }

    static String string(Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw v == ABSENT_VALUE ? ABSENT : undecided();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw v == ABSENT_VALUE ? ABSENT : undecided();
    }

    static boolean truthy(String text) {
        try {
            return RuleFunctions.truthy(text);
        } catch (CelEvaluationException e) {
            throw undecided();
        }
    }

    static long num(String text) {
        try {
            return RuleFunctions.num(text);
        } catch (CelEvaluationException e) {
            throw undecided();
        }
    }

    /** CEL equality for plain values of one type; anything else is left to cel-java. */
    static boolean equal(Object x, Object y) {
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

    static int compare(Object x, Object y) {
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

    static Object plus(Object x, Object y) {
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

    static boolean in(Object item, Object container) {
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

    /** A map field (absent: an error CEL logic may absorb) or the value at a list index. */
    static Object index(Object container, Object key) {
        if (container instanceof Map<?, ?> m && key instanceof String k) {
            return field(m, k);
        }
        if (container instanceof List<?> l && key instanceof Long i && i >= 0 && i < l.size()) {
            Object v = l.get(i.intValue());
            if (v != null) {
                return v;
            }
        }
        throw undecided();
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

    /** {@code int()} of an int, of decimal text (as cel-java: {@link Long#parseLong}) or of a timestamp. */
    static long toInt(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw undecided();
            }
        }
        if (v instanceof Ts t) {
            return t.seconds();
        }
        throw undecided();
    }

    /**
     * {@code timestamp(text)} for plain RFC 3339 ({@code 2024-05-01T10:00:00Z}, optional fraction, {@code Z} or a
     * {@code +hh:mm} offset) in years 2 to 9998, where CEL's range limits cannot apply; any other text, even if valid,
     * is left to cel-java.
     */
    static Ts timestamp(Object v) {
        if (!(v instanceof String s)) {
            throw undecided();
        }
        Matcher m = RFC3339.matcher(s);
        if (!m.matches()) {
            throw undecided();
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 2 || year > 9998) {
            throw undecided();
        }
        try {
            Instant t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return new Ts(t.getEpochSecond(), t.getNano());
        } catch (DateTimeParseException e) {
            throw undecided();
        }
    }

    /**
     * {@code text.matches(regex)} with RE2 as cel-java does (same library, same program size limit, partial or full
     * match as the options say); a literal pattern is compiled once.
     */
    private static Node matches(Node text, Node regex, CelOptions options) {
        boolean partial = options.enableRegexPartialMatch();
        int maxSize = options.maxRegexProgramSize();
        if (regex instanceof Const(String literal)) {
            Pattern p = compile(literal, maxSize);
            if (p == null) {
                return f -> {
                    throw undecided();
                };
            }
            return f -> {
                com.google.re2j.Matcher m = p.matcher(string(text.eval(f)));
                return partial ? m.find() : m.matches();
            };
        }
        return f -> {
            String s = string(text.eval(f));
            Pattern p = compile(string(regex.eval(f)), maxSize);
            if (p == null) {
                throw undecided();
            }
            com.google.re2j.Matcher m = p.matcher(s);
            return partial ? m.find() : m.matches();
        };
    }

    /** The pattern, or null when cel-java would reject it (syntax or program size). */
    private static Pattern compile(String regex, int maxSize) {
        try {
            Pattern p = Pattern.compile(regex);
            return maxSize >= 0 && p.programSize() > maxSize ? null : p;
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    static long size(Object v) {
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

    /** A field read in a rule: the value, or an error CEL logic may absorb when the map does not hold it. */
    static Object read(FieldReader reader, Object target) {
        if (target instanceof CompactMap m) {
            Object v = reader.valueOrNull(m);
            if (v == null) {
                throw ABSENT;
            }
            return v;
        }
        if (target instanceof Map<?, ?> m) {
            return field(m, reader.field());
        }
        throw undecided();
    }

    /** CEL's {@code has} on a map; anything else is left to cel-java. */
    static boolean has(FieldReader reader, Object target) {
        if (target instanceof Map<?, ?> m) {
            return reader.has(m);
        }
        throw undecided();
    }
}

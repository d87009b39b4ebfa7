package org.virtguard.policy.cel;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.virtguard.policy.check.ResourceType;
import org.virtguard.policy.view.MapShape;

/**
 * The variables one rule evaluation sees, held by slot: every variable a resource type declares
 * ({@link RuleEnvironment#variables}) has a fixed slot, so a {@link FastPlan} resolves a variable to its slot once,
 * when planning, and reads it as an array element instead of looking it up for every resource; it also keeps the
 * plan's scratch state for evaluations over these variables. To cel-java and any other reader it is a map; a
 * variable without a value is absent. Mutable and not thread-safe: one instance per resource (or per thread),
 * filled before evaluating, never evaluated on by two threads at once.
 */
public final class RuleVariables extends AbstractMap<String, Object> {

    private static final MapShape NAMES;

    static {
        Set<String> names = new LinkedHashSet<>();
        for (ResourceType type : ResourceType.values()) {
            names.addAll(RuleEnvironment.variableNames(type));
        }
        NAMES = MapShape.of(names.toArray(String[]::new));
    }

    private final Object[] values;
    /** A plan's evaluation state over these variables (see {@link FastPlan}); never copied. */
    Object scratch;

    /** No variable set. */
    public RuleVariables() {
        this.values = new Object[NAMES.size()];
    }

    private RuleVariables(Object[] values) {
        this.values = values;
    }

    /** The slot of a rule variable, or -1 when no resource type declares it. */
    static int slotOf(String name) {
        return NAMES.indexOf(name);
    }

    /** The value in a slot, null when it has none. */
    Object valueAt(int slot) {
        return values[slot];
    }

    /** An independent copy of these variables. */
    public RuleVariables copy() {
        return new RuleVariables(values.clone());
    }

    /**
     * Sets a variable (null removes it).
     *
     * @throws IllegalArgumentException when no resource type declares {@code name}
     */
    @Override
    public Object put(String name, Object value) {
        int slot = NAMES.indexOf(name);
        if (slot < 0) {
            throw new IllegalArgumentException("no rule variable is named " + name);
        }
        Object old = values[slot];
        values[slot] = value;
        return old;
    }

    @Override
    public Object get(Object name) {
        int slot = NAMES.indexOf(name);
        return slot < 0 ? null : values[slot];
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Object remove(Object name) {
        int slot = NAMES.indexOf(name);
        if (slot < 0) {
            return null;
        }
        Object old = values[slot];
        values[slot] = null;
        return old;
    }

    @Override
    public int size() {
        int n = 0;
        for (Object v : values) {
            if (v != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Object> e = new SimpleImmutableEntry<>(NAMES.key(next), values[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return RuleVariables.this.size();
            }
        };
    }
}

package org.virtguard.policy.cel;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.virtguard.policy.check.ResourceType;
import org.virtguard.policy.view.MapShape;
import org.virtguard.policy.view.ShapeEntrySet;

/**
 * The variables one rule evaluation sees, held by slot: every variable a resource type declares
 * ({@link RuleEnvironment#variables}) has a fixed slot, so a {@link FastPlan} resolves a variable to its slot once,
 * when planning, and reads its field instead of looking it up for every resource; it also keeps the
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

    /** The slots, as fields rather than an array: one object to read per resource, and no bounds checks. */
    private static final int SLOTS = 12;

    static {
        if (NAMES.size() > SLOTS) {
            throw new ExceptionInInitializerError("resource types declare " + NAMES.size()
                    + " rule variables; RuleVariables holds " + SLOTS + ": add fields");
        }
    }

    private Object v0;
    private Object v1;
    private Object v2;
    private Object v3;
    private Object v4;
    private Object v5;
    private Object v6;
    private Object v7;
    private Object v8;
    private Object v9;
    private Object v10;
    private Object v11;
    /** A plan's evaluation state over these variables (see {@link FastPlan}); never copied. */
    Object scratch;

    /** No variable set. */
    public RuleVariables() {
    }

    /** The slot of a rule variable, or -1 when no resource type declares it. */
    static int slotOf(String name) {
        return NAMES.indexOf(name);
    }

    /** The value in a slot, null when it has none. */
    Object valueAt(int slot) {
        return switch (slot) {
            case 0 -> v0;
            case 1 -> v1;
            case 2 -> v2;
            case 3 -> v3;
            case 4 -> v4;
            case 5 -> v5;
            case 6 -> v6;
            case 7 -> v7;
            case 8 -> v8;
            case 9 -> v9;
            case 10 -> v10;
            case 11 -> v11;
            default -> throw new IndexOutOfBoundsException(slot);
        };
    }

    private void setAt(int slot, Object value) {
        switch (slot) {
            case 0 -> v0 = value;
            case 1 -> v1 = value;
            case 2 -> v2 = value;
            case 3 -> v3 = value;
            case 4 -> v4 = value;
            case 5 -> v5 = value;
            case 6 -> v6 = value;
            case 7 -> v7 = value;
            case 8 -> v8 = value;
            case 9 -> v9 = value;
            case 10 -> v10 = value;
            case 11 -> v11 = value;
            default -> throw new IndexOutOfBoundsException(slot);
        }
    }

    /** An independent copy of these variables. */
    public RuleVariables copy() {
        RuleVariables copy = new RuleVariables();
        for (int i = 0; i < NAMES.size(); i++) {
            copy.setAt(i, valueAt(i));
        }
        return copy;
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
        Object old = valueAt(slot);
        setAt(slot, value);
        return old;
    }

    @Override
    public Object get(Object name) {
        int slot = NAMES.indexOf(name);
        return slot < 0 ? null : valueAt(slot);
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
        Object old = valueAt(slot);
        setAt(slot, null);
        return old;
    }

    @Override
    public int size() {
        int n = 0;
        for (int i = 0; i < NAMES.size(); i++) {
            if (valueAt(i) != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new ShapeEntrySet(NAMES, this::valueAt, this::size);
    }
}

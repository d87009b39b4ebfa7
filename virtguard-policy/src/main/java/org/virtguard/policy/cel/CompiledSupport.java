package org.virtguard.policy.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.virtguard.policy.view.CompactMap;
import org.virtguard.policy.view.MapShape;
import org.virtguard.policy.view.Views;

/**
 * Operations that {@link VerdictCompiler}'s generated code calls besides the ones it shares with {@link FastPlan}.
 * Each either returns an ordinary value or throws, and any exception makes the generated verdict
 * {@link CompiledVerdict#UNDECIDED}.
 */
final class CompiledSupport {

    /** Thrown to give up; carries no stack. */
    private static final class GiveUp extends RuntimeException {
        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    private CompiledSupport() {
    }

    /** The exception generated code throws to give up. */
    static RuntimeException giveUp() {
        return GIVE_UP;
    }

    /** A variable's value; a variable without one gives up. */
    static Object global(RuleVariables variables, int slot) {
        Object v = variables.valueAt(slot);
        if (v == null) {
            throw GIVE_UP;
        }
        return v;
    }

    /** An int value; anything else gives up. */
    static long longValue(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        throw GIVE_UP;
    }

    /**
     * A field read where the compiler expects a view of shape {@code expected} (or an extension of it) with the field
     * at {@code index}: an array read when it is one, the general read otherwise.
     */
    static Object read(Object target, MapShape expected, int index, FieldReader reader) {
        if (target instanceof CompactMap m) {
            MapShape shape = m.shape();
            if (shape == expected || shape.base() == expected) {
                Object v = m.valueAt(index);
                if (v == null) {
                    throw GIVE_UP;
                }
                return v;
            }
        }
        return FastPlan.read(reader, target);
    }

    /** CEL's {@code has} where the compiler expects a view of shape {@code expected}, as {@link #read}. */
    static boolean has(Object target, MapShape expected, int index, FieldReader reader) {
        if (target instanceof CompactMap m) {
            MapShape shape = m.shape();
            if (shape == expected || shape.base() == expected) {
                return m.valueAt(index) != null;
            }
        }
        return FastPlan.has(reader, target);
    }

    /**
     * {@code setting}/{@code settingOr} where the compiler expects a view of shape {@code expected} holding the
     * settings at {@code settingsIndex} and those not collected at {@code notCollectedIndex}.
     */
    static String setting(Object target, MapShape expected, int notCollectedIndex, int settingsIndex,
                          FieldReader notCollected, FieldReader settings, String key, String fallback) {
        if (target instanceof CompactMap m) {
            MapShape shape = m.shape();
            if ((shape == expected || shape.base() == expected) && m.valueAt(notCollectedIndex) == Views.NO_SETTINGS) {
                // Kept small so that it is inlined: every setting collected, and the value or the default at hand.
                Object values = m.valueAt(settingsIndex);
                Object value = values == Views.NO_SETTINGS ? null : ((Map<?, ?>) values).get(key);
                if (value instanceof String text) {
                    return text;
                }
                if (value == null && fallback != null) {
                    return fallback;
                }
            }
        }
        return FastPlan.settingText(target, notCollected, settings, key, fallback);
    }

    /** {@code int(timestamp(text))}: epoch seconds of the RFC 3339 text {@link FastPlan} decides; other text gives up. */
    static long epochSeconds(Object text) {
        return FastPlan.timestamp(text).seconds();
    }

    /** The items a comprehension iterates: a list's elements, a map's keys. */
    static List<?> items(Object range) {
        if (range instanceof List<?> l) {
            return l;
        }
        if (range instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        throw GIVE_UP;
    }

    /** A list element a comprehension variable takes; null gives up. */
    static Object element(Object item) {
        if (item == null) {
            throw GIVE_UP;
        }
        return item;
    }

    /** A list literal's value. */
    static Object list(Object[] elements) {
        List<Object> out = new ArrayList<>(elements.length);
        for (Object e : elements) {
            out.add(e);
        }
        return out;
    }

    /** CEL integer division; division by zero and overflow give up. */
    static long divide(long x, long y) {
        if (y == 0 || x == Long.MIN_VALUE && y == -1) {
            throw GIVE_UP;
        }
        return x / y;
    }

    /** CEL integer remainder; modulus zero and overflow give up. */
    static long remainder(long x, long y) {
        if (y == 0 || x == Long.MIN_VALUE && y == -1) {
            throw GIVE_UP;
        }
        return x % y;
    }
}

package org.virtguard.policy.cel;

import java.util.Map;

import org.virtguard.policy.view.CompactMap;
import org.virtguard.policy.view.MapShape;

/**
 * Reads one field from map values for one place in a rule. On a {@link CompactMap} it remembers the field's index
 * for the last shape it saw (views of one kind share a shape), so the read is an array read; other maps are looked
 * up. Thread-safe: the remembered index is racy by design, each value being immutable and correct for its shape.
 */
final class FieldReader {

    private record Cached(MapShape shape, int index) {
    }

    private final String field;
    private Cached cached = new Cached(null, -1);

    FieldReader(String field) {
        this.field = field.intern();
    }

    String field() {
        return field;
    }

    private int indexIn(MapShape shape) {
        Cached c = cached;
        if (c.shape() != shape) {
            c = new Cached(shape, shape.indexOf(field));
            cached = c;
        }
        return c.index();
    }

    /** The field's value in a view, null when absent. */
    Object valueOrNull(CompactMap m) {
        int i = indexIn(m.shape());
        return i < 0 ? null : m.valueAt(i);
    }

    /** The field's value in any map, null when absent (or mapped to null); {@code target} must be a map. */
    Object valueOrNull(Map<?, ?> target) {
        return target instanceof CompactMap m ? valueOrNull(m) : target.get(field);
    }

    /** Whether a map holds the field with a value (CEL's {@code has}); {@code target} must be a map. */
    boolean has(Map<?, ?> target) {
        if (target instanceof CompactMap m) {
            return valueOrNull(m) != null;
        }
        return target.containsKey(field);
    }
}

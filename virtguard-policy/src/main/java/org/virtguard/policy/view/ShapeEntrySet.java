package org.virtguard.policy.view;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * The entries of a map held by index in a {@link MapShape}'s key order, an index without a value (null) being
 * absent: the entry set of {@link CompactMap} and of the rule variables. A live view of the values.
 */
public final class ShapeEntrySet extends AbstractSet<Map.Entry<String, Object>> {

    private final MapShape shape;
    private final IntFunction<Object> valueAt;
    private final IntSupplier size;

    /**
     * @param valueAt the value at a shape index, null when absent
     * @param size    how many indexes hold a value
     */
    public ShapeEntrySet(MapShape shape, IntFunction<Object> valueAt, IntSupplier size) {
        this.shape = shape;
        this.valueAt = valueAt;
        this.size = size;
    }

    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
            private final int end = shape.size();
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < end && valueAt.apply(i) == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public Map.Entry<String, Object> next() {
                if (next >= end) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, Object> e = new AbstractMap.SimpleImmutableEntry<>(shape.key(next),
                        valueAt.apply(next));
                next = advance(next + 1);
                return e;
            }
        };
    }

    @Override
    public int size() {
        return size.getAsInt();
    }
}

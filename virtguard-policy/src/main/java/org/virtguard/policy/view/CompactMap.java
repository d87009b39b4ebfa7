package org.virtguard.policy.view;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable view map: a shared {@link MapShape} and an array of the values in shape order. A key of the shape
 * whose value is absent (not collected) is not in the map, exactly as if it had never been put. Lookups touch the
 * shape (shared, usually cached) and the array; {@link #valueAt} lets a reader that knows the index skip the lookup
 * (one array read, no branch on the index). Iterates in shape order. Thread-safe once built.
 */
public final class CompactMap extends AbstractMap<String, Object> {

    private final MapShape shape;
    private final int size;
    private final Object[] values;

    private CompactMap(MapShape shape, Object[] values, int size) {
        this.shape = shape;
        this.size = size;
        this.values = values;
    }

    /** A builder for a map of this shape. */
    public static Builder builder(MapShape shape) {
        return new Builder(shape);
    }

    /** This map's shape. */
    public MapShape shape() {
        return shape;
    }

    /** The value at a shape index, null when absent. */
    public Object valueAt(int index) {
        return values[index];
    }

    @Override
    public Object get(Object key) {
        int i = shape.indexOf(key);
        return i < 0 ? null : valueAt(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new ShapeEntrySet(shape, this::valueAt, () -> size);
    }

    /** Collects the values of one map; a null value leaves its key absent. Not thread-safe. */
    public static final class Builder {
        private final MapShape shape;
        private final Object[] values;

        private Builder(MapShape shape) {
            this.shape = shape;
            this.values = new Object[shape.size()];
        }

        /**
         * Sets a key's value (null leaves it absent).
         *
         * @throws IllegalArgumentException when the shape has no such key
         */
        public Builder put(String key, Object value) {
            int i = shape.indexOf(key);
            if (i < 0) {
                throw new IllegalArgumentException("key " + key + " is not in " + shape);
            }
            values[i] = value;
            return this;
        }

        /** Puts every entry of {@code m}. */
        public Builder putAll(Map<String, ?> m) {
            m.forEach(this::put);
            return this;
        }

        /** The map; the builder must not be used afterwards. */
        public CompactMap build() {
            int n = 0;
            for (Object v : values) {
                if (v != null) {
                    n++;
                }
            }
            return new CompactMap(shape, values.clone(), n);
        }
    }
}

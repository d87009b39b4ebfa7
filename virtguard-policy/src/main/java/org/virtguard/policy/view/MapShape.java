package org.virtguard.policy.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key layout shared by every {@link CompactMap} of one kind of view (all VM views, all console views, ...):
 * the keys in their iteration order and where each key's value sits. One shape serves thousands of maps, so its
 * lookup table stays in cache; a reader that remembers a key's index for a shape reads the value directly.
 * Immutable and thread-safe.
 */
public final class MapShape {

    private final String[] keys;
    /** Open addressing: a slot holds a key's index + 1, 0 when empty. */
    private final int[] table;
    private final int mask;
    private final Map<List<String>, MapShape> extensions = new ConcurrentHashMap<>();
    /** The shape this one extends (keys at the same indexes), itself when it extends none. */
    private final MapShape base;

    private MapShape(String[] keys, MapShape base) {
        this.keys = keys;
        this.base = base == null ? this : base;
        int capacity = Integer.highestOneBit(Math.max(4, keys.length * 4) - 1) << 1;
        this.table = new int[capacity];
        this.mask = capacity - 1;
        for (int i = 0; i < keys.length; i++) {
            int slot = spread(keys[i].hashCode()) & mask;
            while (table[slot] != 0) {
                if (keys[table[slot] - 1].equals(keys[i])) {
                    throw new IllegalArgumentException("duplicate key " + keys[i]);
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    /** A shape with these keys, in this order (interned, so that readers compare keys by identity first). */
    public static MapShape of(String... keys) {
        String[] interned = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            interned[i] = keys[i].intern();
        }
        return new MapShape(interned, null);
    }

    private static MapShape extending(MapShape base, String[] keys) {
        String[] interned = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            interned[i] = keys[i].intern();
        }
        return new MapShape(interned, base);
    }

    /**
     * The shape this one was made from by {@link #with} (itself when it was not): its keys sit at the same indexes
     * here, so a reader that knows an index in the base shape may use it on every extension.
     */
    public MapShape base() {
        return base;
    }

    /**
     * This shape with {@code more} keys appended (those it already has are skipped); the same extension of one
     * shape is made once and shared.
     */
    public MapShape with(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        return extensions.computeIfAbsent(List.copyOf(more), k -> {
            List<String> all = new ArrayList<>(Arrays.asList(keys));
            for (String key : k) {
                if (indexOf(key) < 0 && !all.contains(key)) {
                    all.add(key);
                }
            }
            return extending(base, all.toArray(String[]::new));
        });
    }

    /** The index of {@code key}, or -1 when this shape has no such key. */
    public int indexOf(Object key) {
        if (!(key instanceof String s)) {
            return -1;
        }
        int slot = spread(s.hashCode()) & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            String k = keys[entry - 1];
            if (k == s || k.equals(s)) {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The number of keys. */
    public int size() {
        return keys.length;
    }

    /** The key at {@code index}. */
    public String key(int index) {
        return keys[index];
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "MapShape" + Arrays.toString(keys);
    }
}

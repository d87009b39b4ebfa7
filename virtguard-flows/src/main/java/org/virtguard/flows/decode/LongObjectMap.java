package org.virtguard.flows.decode;

import java.util.Arrays;

/** A small open-addressing map from long keys to objects, so lookups on the hot path do not box. */
public final class LongObjectMap<V> {

    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private boolean[] used = new boolean[16];
    private int size;

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    public void put(long key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (used[i]) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        size++;
    }

    public void remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (!used[i]) {
            return;
        }
        used[i] = false;
        values[i] = null;
        size--;
        for (int j = (i + 1) & mask; used[j]; j = (j + 1) & mask) {
            long k = keys[j];
            Object v = values[j];
            used[j] = false;
            values[j] = null;
            size--;
            put(k, (V) cast(v));
        }
    }

    /** Removes every entry whose key satisfies the predicate on the key. */
    void removeIf(java.util.function.LongPredicate predicate) {
        long[] snapshot = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (used[i] && predicate.test(keys[i])) {
                snapshot[n++] = keys[i];
            }
        }
        for (int i = 0; i < n; i++) {
            remove(snapshot[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object o) {
        return (V) o;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], cast(oldValues[i]));
            }
        }
    }

    public void clear() {
        Arrays.fill(used, false);
        Arrays.fill(values, null);
        size = 0;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}

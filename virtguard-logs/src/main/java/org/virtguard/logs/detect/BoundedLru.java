package org.virtguard.logs.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/** An access-ordered map that drops its least recently used entry beyond a fixed size. */
final class BoundedLru<K, V> extends LinkedHashMap<K, V> {

    private final int max;

    BoundedLru(int max) {
        super(Math.min(max, 1024), 0.75f, true);
        this.max = max;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
    }
}

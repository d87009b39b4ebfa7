package org.virtguard.store.findings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Aggregates (counts) of the findings table, valid until the next write. Writers call {@link #invalidate()}
 * after they commit; a value computed while a write commits is stored under the old version and never served.
 * Only correct while this process is the only writer, which is how the service uses the store.
 */
final class VersionedCache {

    private static final int MAX_ENTRIES = 10_000;

    private record Entry(long version, Object value) {
    }

    private final AtomicLong version = new AtomicLong();
    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        long current = version.get();
        Entry entry = entries.get(key);
        if (entry != null && entry.version() == current) {
            return (T) entry.value();
        }
        T value = compute.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(current, value));
        return value;
    }

    void invalidate() {
        version.incrementAndGet();
    }

    long version() {
        return version.get();
    }
}

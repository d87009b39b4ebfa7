package org.virtguard.logs.intake;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per sending address, so that one noisy or hostile sender cannot starve the others. The table
 * of senders is bounded; the least recently seen sender is forgotten first (and starts with a full bucket).
 */
public final class SourceRateLimiter {

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets;

    public SourceRateLimiter(double perSecond, double burst, int maxSources) {
        if (perSecond <= 0 || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("rate, burst and maxSources must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Whether {@code source} may send one more message at {@code nanos} (a monotonic clock). */
    public synchronized boolean tryAcquire(String source, long nanos) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket(burst, nanos);
            buckets.put(source, b);
        }
        double elapsed = Math.max(0, (nanos - b.last) / 1e9);
        b.tokens = Math.min(burst, b.tokens + elapsed * perSecond);
        b.last = nanos;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }
}

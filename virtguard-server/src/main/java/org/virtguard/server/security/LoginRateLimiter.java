package org.virtguard.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits login attempts per client address in a sliding window, so password guessing across many
 * accounts is slowed even when no single account locks. Remembers a bounded number of addresses.
 */
public final class LoginRateLimiter {

    private static final int MAX_TRACKED_ADDRESSES = 10_000;

    private final int maxAttempts;
    private final Duration window;
    private final Map<String, Deque<Instant>> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_TRACKED_ADDRESSES;
        }
    };

    public LoginRateLimiter(int maxAttempts, Duration window) {
        this.maxAttempts = maxAttempts;
        this.window = window;
    }

    /** Records an attempt and tells whether it is within the limit. */
    public synchronized boolean tryAcquire(String address, Instant now) {
        Deque<Instant> times = attempts.computeIfAbsent(address == null ? "?" : address, k -> new ArrayDeque<>());
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
        if (times.size() >= maxAttempts) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}

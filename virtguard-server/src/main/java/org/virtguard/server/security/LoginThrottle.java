package org.virtguard.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Progressive delays after failed logins, kept so that a stranger cannot use them against the account's owner.
 * <ul>
 *   <li>Per account and source (an address, or a device cookie already known for the account): the first
 *       {@code freePerSource} consecutive failures cost nothing; after that each attempt must wait
 *       1 s, 2 s, 4 s, ... up to {@code maxDelay} after the previous failure. A success from that source clears
 *       it.</li>
 *   <li>Per account across sources that are <em>not</em> known-good for it (distributed guessing): after
 *       {@code freePerAccount} failures the same progressive delay applies to every unknown source. Sources the account
 *       logged in from before (an address or a device cookie) are exempt, so the owner's usual places are never held
 *       back by someone else's guesses.</li>
 * </ul>
 * Unknown user names are counted exactly like existing ones, so the delays reveal nothing about which names exist.
 * State is in memory and bounded (the least recently used entries are forgotten); a count is forgotten 24 hours
 * after its last failure. Thread-safe.
 */
public final class LoginThrottle {

    private static final int MAX_SOURCE_ENTRIES = 100_000;
    private static final int MAX_ACCOUNT_ENTRIES = 20_000;
    private static final int MAX_DOUBLINGS = 30;
    /** A count is forgotten this long after its last failure (never sooner, or waiting would earn free guesses). */
    private static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final int freePerSource;
    private final int freePerAccount;
    private final Duration maxDelay;
    private final Map<String, Failures> bySource = lru(MAX_SOURCE_ENTRIES);
    private final Map<String, Failures> byAccount = lru(MAX_ACCOUNT_ENTRIES);

    /**
     * @param freePerSource  consecutive failures per account and source before delays start
     * @param freePerAccount failures per account from unknown sources before delays start for all unknown sources
     * @param maxDelay       the longest delay
     */
    public LoginThrottle(int freePerSource, int freePerAccount, Duration maxDelay) {
        if (freePerSource < 1 || freePerAccount < 1 || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("invalid login throttle settings");
        }
        this.freePerSource = freePerSource;
        this.freePerAccount = freePerAccount;
        this.maxDelay = maxDelay;
    }

    /**
     * How long this attempt must still wait, or empty when it may be checked now.
     *
     * @param knownGood whether {@code source} is a place the account logged in from successfully before
     */
    public synchronized Optional<Duration> waitFor(String username, String source, boolean knownGood, Instant now) {
        Duration wait = remaining(bySource.get(sourceKey(username, source)), freePerSource, now);
        if (!knownGood) {
            Duration accountWait = remaining(byAccount.get(accountKey(username)), freePerAccount, now);
            wait = accountWait.compareTo(wait) > 0 ? accountWait : wait;
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Counts a failed attempt (wrong password, unknown user or disabled account alike). */
    public synchronized void failed(String username, String source, boolean knownGood, Instant now) {
        count(bySource, sourceKey(username, source), now);
        if (!knownGood) {
            count(byAccount, accountKey(username), now);
        }
    }

    /** Clears the count of the source a successful login came from; others' failures on the account stay. */
    public synchronized void succeeded(String username, String source) {
        bySource.remove(sourceKey(username, source));
    }

    private void count(Map<String, Failures> map, String key, Instant now) {
        Failures f = map.get(key);
        if (f == null || expired(f, now)) {
            map.put(key, new Failures(1, now));
        } else {
            map.put(key, new Failures(f.count + 1, now));
        }
    }

    private Duration remaining(Failures f, int free, Instant now) {
        if (f == null || f.count < free || expired(f, now)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, f.last.plus(delay(f.count - free)));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Duration delay(int beyondFree) {
        Duration d = Duration.ofSeconds(1L << Math.min(beyondFree, MAX_DOUBLINGS));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private boolean expired(Failures f, Instant now) {
        return !now.isBefore(f.last.plus(FORGET_AFTER));
    }

    private static String accountKey(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }

    private static String sourceKey(String username, String source) {
        return accountKey(username) + "\u0000" + source;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private record Failures(int count, Instant last) {
    }
}

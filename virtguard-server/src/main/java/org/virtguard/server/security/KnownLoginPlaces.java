package org.virtguard.server.security;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.virtguard.store.security.LoginSourceRepository;

/**
 * The places (address or device cookie digest) each account logged in from successfully: stored, with a bounded
 * in-memory copy of what was seen recently, so that a login the server is too busy to check can still be recognised
 * as coming from a known place without a database query. Thread-safe.
 */
final class KnownLoginPlaces {

    private static final int MAX_CACHED_USERS = 10_000;

    private final LoginSourceRepository stored;
    private final Map<String, Set<String>> cached = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_CACHED_USERS;
        }
    };

    KnownLoginPlaces(LoginSourceRepository stored) {
        this.stored = stored;
    }

    /** Whether any of {@code keys} is a known place of {@code username}, from memory only (may miss). */
    synchronized boolean knownInMemory(String username, Collection<String> keys) {
        Set<String> known = cached.get(key(username));
        return known != null && keys.stream().anyMatch(known::contains);
    }

    /** Which of {@code keys} are known places of {@code username}, from the store (remembered in memory). */
    Set<String> lookUp(String username, List<String> keys) {
        Set<String> found = stored.knownAmong(username, keys);
        if (!found.isEmpty()) {
            add(username, found);
        }
        return found;
    }

    /** Records a successful login from {@code keys}. */
    void remember(String username, List<String> keys, Instant at) {
        stored.remember(username, keys, at);
        add(username, keys);
    }

    /** Forgets every known place of {@code username} (after an admin reset their password). */
    void forget(String username) {
        stored.forget(username);
        synchronized (this) {
            cached.remove(key(username));
        }
    }

    private synchronized void add(String username, Collection<String> keys) {
        Set<String> known = cached.computeIfAbsent(key(username), k -> new HashSet<>());
        if (known.size() + keys.size() > LoginSourceRepository.KEEP_PER_USER) {
            known.clear();
        }
        known.addAll(keys);
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}

package org.virtguard.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.virtguard.server.security.Principal;

/**
 * One-time messages the console shows after a redirect ("flash"), kept on the server per console session: the page
 * shows only what the server itself put here, never text from the URL. A message is shown once, lapses after a
 * while, and memory is bounded (the oldest sessions' messages are forgotten first). Thread-safe.
 */
final class Flash {

    private static final int MAX_SESSIONS = 10_000;
    private static final int MAX_LENGTH = 1000;
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Message> bySession = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Message> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    Flash(Clock clock) {
        this.clock = clock;
    }

    /** Keeps {@code text} for the caller's next page; callers without a console session get nothing kept. */
    synchronized void put(Principal user, String text) {
        if (user.sessionHash() == null || text == null) {
            return;
        }
        String bounded = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
        bySession.put(user.sessionHash(), new Message(bounded, clock.instant()));
    }

    /** The caller's message, once; empty when there is none or it lapsed. */
    synchronized Optional<String> take(Principal user) {
        if (user.sessionHash() == null) {
            return Optional.empty();
        }
        Message m = bySession.remove(user.sessionHash());
        if (m == null || clock.instant().isAfter(m.at().plus(LIFETIME))) {
            return Optional.empty();
        }
        return Optional.of(m.text());
    }

    private record Message(String text, Instant at) {
    }
}

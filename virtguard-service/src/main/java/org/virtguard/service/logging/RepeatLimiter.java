package org.virtguard.service.logging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate-limits identical warnings and errors: the first is written; the identical ones that follow within the
 * window are only counted; when the window ends one summary line says how many were held back. At most
 * {@value #MAX_TRACKED} different events are tracked; the oldest is summed up early to make room. Thread-safe.
 */
final class RepeatLimiter {

    static final int MAX_TRACKED = 1_000;

    private final Duration window;
    private final Map<String, Held> held = new LinkedHashMap<>();

    private static final class Held {
        final LogEvent first;
        final Instant until;
        long count;

        Held(LogEvent first, Instant until) {
            this.first = first;
            this.until = until;
        }
    }

    RepeatLimiter(Duration window) {
        this.window = window;
    }

    /**
     * What to write now for {@code event}: itself when it is new (or not a warning or error), nothing when it repeats
     * one written within the window; with it, summaries of older events to make room.
     */
    synchronized List<LogEvent> offer(LogEvent event) {
        if (event.level().ordinal() < LogLevel.WARN.ordinal() || window.isZero()) {
            return List.of(event);
        }
        String key = event.identity();
        Held h = held.get(key);
        if (h != null && event.at().isBefore(h.until)) {
            h.count++;
            return List.of();
        }
        List<LogEvent> out = new ArrayList<>(2);
        if (h != null) {
            held.remove(key);
            if (h.count > 0) {
                out.add(h.first.summary(event.at(), h.count));
            }
        }
        if (held.size() >= MAX_TRACKED) {
            Iterator<Held> oldest = held.values().iterator();
            Held gone = oldest.next();
            oldest.remove();
            if (gone.count > 0) {
                out.add(gone.first.summary(event.at(), gone.count));
            }
        }
        held.put(key, new Held(event, event.at().plus(window)));
        out.add(event);
        return out;
    }

    /** Summaries of the events whose window ended by {@code now} (all of them with {@code all}), forgetting them. */
    synchronized List<LogEvent> expire(Instant now, boolean all) {
        List<LogEvent> out = new ArrayList<>();
        for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (all || !now.isBefore(h.until)) {
                it.remove();
                if (h.count > 0) {
                    out.add(h.first.summary(now, h.count));
                }
            }
        }
        return out;
    }
}

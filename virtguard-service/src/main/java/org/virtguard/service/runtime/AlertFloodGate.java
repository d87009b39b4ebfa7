package org.virtguard.service.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.virtguard.model.Alert;

/**
 * Caps how many new alerts one detector kind of the traffic listeners ({@code auth.*}, {@code flow.*}) may raise
 * per window: at most {@code perSource} attributed to one source address and at most {@code global} over all
 * sources. Further new alerts are folded into one {@link FloodAlert} per kind and scope (one source, or all
 * sources), which counts them, names the sources and the time span, and is updated rather than multiplied.
 *
 * <p>Windows are fixed (tumbling) and counted on the caller's clock. Folding allocates nothing per alert beyond
 * counters: a flood keeps a fixed-size hash set of folded keys and sources and a short sample of source addresses.
 * Memory is bounded: per window at most {@code global} sources are tracked per kind, and a flood is forgotten once
 * a whole window passed without folding. Not thread-safe: {@link AlertHub}'s one worker thread calls it; only
 * {@link #suppressedByKind()} may be read from other threads.
 */
final class AlertFloodGate {

    /** Kind prefixes of the detectors fed by the traffic listeners; other alerts (exposure, lifecycle) pass. */
    static final Set<String> CAPPED_FAMILIES = Set.of("auth", "flow");
    /** A flood alert is written at most this often while it grows. */
    static final long EMIT_EVERY_MILLIS = 1_000;
    private static final int MAX_KINDS = 256;

    /**
     * The caps.
     *
     * @param window    the window new alerts are counted in
     * @param perSource new alerts of one kind attributed to one source address per window
     * @param global    new alerts of one kind per window, all sources
     */
    record Limits(Duration window, int perSource, int global) {
        Limits {
            if (window.isNegative() || window.isZero() || perSource < 1 || global < 1) {
                throw new IllegalArgumentException("alert caps must be positive: " + window + ", " + perSource
                        + ", " + global);
            }
        }

        /** 20 per source, 200 overall, per 10 minutes. */
        static Limits defaults() {
            return new Limits(Duration.ofMinutes(10), 20, 200);
        }
    }

    private final Limits limits;
    private final long windowMillis;
    private final Map<String, KindWindow> kinds = new HashMap<>();
    private final Map<String, FloodAlert> floods = new LinkedHashMap<>();
    private final List<FloodAlert> ended = new ArrayList<>();
    private final Map<String, LongAdder> suppressed = new ConcurrentHashMap<>();

    AlertFloodGate(Limits limits) {
        this.limits = limits;
        this.windowMillis = limits.window().toMillis();
    }

    /** Whether the alert's kind is capped at all. */
    static boolean capped(String kind) {
        int dot = kind.indexOf('.');
        return dot > 0 && CAPPED_FAMILIES.contains(kind.substring(0, dot)) && !kind.endsWith(FloodAlert.KIND_SUFFIX);
    }

    /**
     * Decides on a new alert (one whose key has not been raised before): {@code true} when it passes, {@code false}
     * when it was folded into a flood alert.
     */
    boolean admit(Alert alert, long nowMillis) {
        if (!capped(alert.kind())) {
            return true;
        }
        KindWindow w = kinds.get(alert.kind());
        if (w == null) {
            if (kinds.size() >= MAX_KINDS) {
                return true;
            }
            w = new KindWindow();
            kinds.put(alert.kind(), w);
        }
        w.roll(nowMillis - Math.floorMod(nowMillis, windowMillis));
        String address = alert.source() == null ? null : alert.source().address();
        if (w.total >= limits.global()) {
            fold(alert, FloodAlert.ALL_SOURCES, nowMillis, limits.global());
            return false;
        }
        int[] fromSource = address == null ? null : w.perSource.get(address);
        if (fromSource != null && fromSource[0] >= limits.perSource()) {
            fold(alert, address, nowMillis, limits.perSource());
            return false;
        }
        w.total++;
        if (address != null) {
            if (fromSource == null) {
                w.perSource.put(address, new int[] {1});
            } else {
                fromSource[0]++;
            }
        }
        return true;
    }

    private void fold(Alert alert, String scope, long nowMillis, int cap) {
        String id = alert.kind() + '|' + scope;
        FloodAlert flood = floods.get(id);
        if (flood != null && nowMillis - flood.lastFoldMillis() > windowMillis) {
            if (flood.dirty()) {
                ended.add(flood);
            }
            flood = null;
        }
        if (flood == null) {
            flood = new FloodAlert(alert.kind(), scope, scope.equals(FloodAlert.ALL_SOURCES) ? null : alert.source(),
                    cap, limits.window(), nowMillis);
            floods.put(id, flood);
        }
        flood.fold(alert, nowMillis);
        suppressed.computeIfAbsent(alert.kind(), k -> new LongAdder()).increment();
    }

    /**
     * Flood alerts to write now: those changed and not written within {@link #EMIT_EVERY_MILLIS} (every changed
     * one when {@code all}). Floods quiet for a whole window are forgotten after their last write; a later flood
     * starts a new alert.
     *
     * @return new alert values; the first value of a flood is marked by {@link FloodAlert#written()} being false
     *         before this call
     */
    List<FloodAlert> due(long nowMillis, boolean all) {
        List<FloodAlert> out = List.of();
        if (!ended.isEmpty()) {
            out = new ArrayList<>(ended);
            ended.clear();
        }
        for (Iterator<FloodAlert> it = floods.values().iterator(); it.hasNext(); ) {
            FloodAlert flood = it.next();
            if (flood.dirty() && (all || nowMillis - flood.lastWrittenMillis() >= EMIT_EVERY_MILLIS)) {
                if (out.isEmpty()) {
                    out = new ArrayList<>();
                }
                out.add(flood);
            } else if (!flood.dirty() && nowMillis - flood.lastFoldMillis() > windowMillis) {
                it.remove();
            }
        }
        return out;
    }

    /** New alerts folded so far, by kind (cumulative; readable from any thread). */
    Map<String, Long> suppressedByKind() {
        Map<String, Long> out = new java.util.TreeMap<>();
        suppressed.forEach((kind, n) -> out.put(kind, n.sum()));
        return out;
    }

    /** New alerts of one kind in the current window: in total and per source address. */
    private static final class KindWindow {
        long start = Long.MIN_VALUE;
        int total;
        final Map<String, int[]> perSource = new HashMap<>();

        void roll(long windowStart) {
            if (windowStart != start) {
                start = windowStart;
                total = 0;
                perSource.clear();
            }
        }
    }
}

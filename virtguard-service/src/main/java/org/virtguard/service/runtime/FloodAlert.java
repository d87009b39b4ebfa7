package org.virtguard.service.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

/**
 * The alerts of one kind folded by {@link AlertFloodGate} in one flood, for one source address or for all sources:
 * how many, how many distinct incidents and sources, a sample of the sources, the time span and the highest
 * severity. Its alert ({@code <family>.flood}, e.g. {@code auth.flood}) keeps one key for the whole flood, so the
 * store updates it instead of adding one alert per folded one. Folding allocates nothing: distinct keys and sources
 * are counted in fixed-size hash sets (exact up to {@value #DISTINCT_EXACT}, "at least" beyond).
 */
final class FloodAlert {

    static final String KIND_SUFFIX = ".flood";
    static final String ALL_SOURCES = "*";
    static final int SAMPLE_SOURCES = 10;
    static final int SAMPLE_TITLES = 5;
    static final int DISTINCT_EXACT = 12_288;

    private final String foldedKind;
    private final String scope;
    private final Endpoint source;
    private final int cap;
    private final Duration window;
    private final String key;
    private final HashCounter keys = new HashCounter();
    private final HashCounter sources = new HashCounter();
    private final List<String> sampleSources = new ArrayList<>(SAMPLE_SOURCES);
    private final List<String> sampleTitles = new ArrayList<>(SAMPLE_TITLES);
    private final long firstFoldMillis;
    private long lastFoldMillis;
    private long folded;
    private Severity severity = Severity.INFO;
    private boolean dirty;
    private boolean written;
    private long lastWrittenMillis = Long.MIN_VALUE / 2;

    FloodAlert(String foldedKind, String scope, Endpoint source, int cap, Duration window, long nowMillis) {
        this.foldedKind = foldedKind;
        this.scope = scope;
        this.source = source;
        this.cap = cap;
        this.window = window;
        this.firstFoldMillis = nowMillis;
        this.lastFoldMillis = nowMillis;
        this.key = family(foldedKind) + KIND_SUFFIX + '|' + foldedKind + '|' + scope + '|'
                + Instant.ofEpochMilli(nowMillis);
    }

    static String family(String kind) {
        int dot = kind.indexOf('.');
        return dot < 0 ? kind : kind.substring(0, dot);
    }

    void fold(Alert alert, long nowMillis) {
        folded++;
        lastFoldMillis = Math.max(lastFoldMillis, nowMillis);
        keys.add(alert.key().hashCode());
        String address = alert.source() == null ? null : alert.source().address();
        if (address != null && sources.add(address.hashCode()) && sampleSources.size() < SAMPLE_SOURCES
                && !sampleSources.contains(address)) {
            sampleSources.add(address);
        }
        if (alert.severity().compareTo(severity) > 0) {
            severity = alert.severity();
        }
        if (sampleTitles.size() < SAMPLE_TITLES && alert.title() != null) {
            sampleTitles.add(alert.title());
        }
        dirty = true;
    }

    boolean dirty() {
        return dirty;
    }

    boolean written() {
        return written;
    }

    long lastWrittenMillis() {
        return lastWrittenMillis;
    }

    long lastFoldMillis() {
        return lastFoldMillis;
    }

    long folded() {
        return folded;
    }

    /** The flood as an alert, as of now; marks it written. */
    Alert toAlert(long nowMillis) {
        dirty = false;
        written = true;
        lastWrittenMillis = nowMillis;
        String kind = family(foldedKind) + KIND_SUFFIX;
        String incidents = keys.countText();
        String sourceCount = sources.countText();
        boolean all = scope.equals(ALL_SOURCES);
        Instant from = Instant.ofEpochMilli(firstFoldMillis);
        Instant to = Instant.ofEpochMilli(lastFoldMillis);
        String title = "Alert flood: " + incidents + " new " + foldedKind + " alerts folded (cap " + cap + " per "
                + Durations.text(window) + (all ? " for all sources" : " per source") + ") from " + sourceCount
                + " source" + ("1".equals(sourceCount) ? "" : "s") + (all ? "" : " (" + scope + ")") + ", " + from
                + " to " + to;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("foldedKind", foldedKind);
        attributes.put("scope", all ? "all sources" : "source " + scope);
        attributes.put("foldedAlerts", incidents);
        attributes.put("foldedRaises", Long.toString(folded));
        attributes.put("sourceCount", sourceCount);
        attributes.put("sources", String.join(", ", sampleSources));
        attributes.put("cap", Integer.toString(cap));
        attributes.put("window", Durations.text(window));
        attributes.put("firstFolded", from.toString());
        attributes.put("lastFolded", to.toString());
        return new Alert(key, kind, severity, title, source, null, from, to, folded, attributes, sampleTitles);
    }

    /** Java durations as the configuration writes them: 10m, 1h, 30s. */
    private static final class Durations {
        static String text(Duration d) {
            long s = d.toSeconds();
            if (s % 3600 == 0) {
                return s / 3600 + "h";
            }
            if (s % 60 == 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
    }

    /** Distinct hash values in a fixed open-addressing table: exact while it has room, then a lower bound. */
    private static final class HashCounter {
        private final int[] table = new int[1 << 14];
        private int size;

        /** Adds a value; whether it was new (false too once the table is full). */
        boolean add(int hash) {
            int h = hash == 0 ? 1 : hash;
            if (size >= DISTINCT_EXACT) {
                return false;
            }
            int mask = table.length - 1;
            int i = mix(h) & mask;
            while (table[i] != 0) {
                if (table[i] == h) {
                    return false;
                }
                i = (i + 1) & mask;
            }
            table[i] = h;
            size++;
            return true;
        }

        String countText() {
            return size >= DISTINCT_EXACT ? "at least " + size : Integer.toString(size);
        }

        private static int mix(int h) {
            int x = h * 0x9E3779B9;
            return x ^ (x >>> 16);
        }
    }
}

package org.virtguard.flows.decode;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one exporter, updated by the single decoding thread that owns it and read as a
 * {@link CounterSnapshot}.
 */
public final class ExporterCounters {

    private final String exporter;
    private volatile long datagrams;
    private volatile long records;
    private volatile long templates;
    private volatile long optionRecords;
    private volatile long templateMisses;
    private volatile long sequenceGaps;
    private volatile long decodeErrors;
    private volatile long queueDrops;
    private volatile long clockAheadRecords;
    private volatile long lastAheadMillis;
    private volatile long maxAheadMillis;
    private volatile long firstAheadArrival;
    private volatile long lastAheadArrival;
    private long lastReportedArrival = Long.MIN_VALUE;
    private long skewReports;
    private final long[] errorsByKind = new long[DecodeError.values().length];

    /** Counters for the exporter named by {@code exporter} (its address as text). */
    public ExporterCounters(String exporter) {
        this.exporter = exporter;
    }

    void datagram() {
        datagrams++;
    }

    void records(int n) {
        records += n;
    }

    void template() {
        templates++;
    }

    void optionRecord() {
        optionRecords++;
    }

    void templateMiss() {
        templateMisses++;
    }

    void sequenceGap() {
        sequenceGaps++;
    }

    void error(DecodeError kind) {
        decodeErrors++;
        errorsByKind[kind.ordinal()]++;
    }

    /**
     * Counts {@code records} of one datagram lying ahead of their arrival at {@code arrival} (the largest lead
     * {@code maxAhead}, the last {@code lastAhead}); returns whether the skew is due to be reported (first time,
     * then at most once a minute of arrival time).
     */
    boolean clockAhead(long records, long maxAhead, long lastAhead, long arrival) {
        clockAheadRecords += records;
        lastAheadMillis = lastAhead;
        if (maxAhead > maxAheadMillis) {
            maxAheadMillis = maxAhead;
        }
        if (firstAheadArrival == 0) {
            firstAheadArrival = arrival;
        }
        lastAheadArrival = arrival;
        if (lastReportedArrival == Long.MIN_VALUE || arrival - lastReportedArrival >= 60_000L) {
            lastReportedArrival = arrival;
            skewReports++;
            return true;
        }
        return false;
    }

    /** The skew as it stands, for a {@link ClockSkewListener}. */
    ClockSkewListener.SkewReport skewReport() {
        return new ClockSkewListener.SkewReport(lastAheadMillis, maxAheadMillis, clockAheadRecords,
                firstAheadArrival, lastAheadArrival, skewReports);
    }

    /** Datagrams or parts of them that could not be decoded so far (cheap: for per-datagram accounting). */
    public long decodeErrors() {
        return decodeErrors;
    }

    /** Counts datagrams from this exporter dropped because VirtGuard's own queue was full. */
    public void queueDrop() {
        queueDrops++;
    }

    /** A consistent-enough copy of the counters for metrics. */
    public CounterSnapshot snapshot() {
        Map<DecodeError, Long> byKind = new EnumMap<>(DecodeError.class);
        for (DecodeError e : DecodeError.values()) {
            if (errorsByKind[e.ordinal()] > 0) {
                byKind.put(e, errorsByKind[e.ordinal()]);
            }
        }
        return new CounterSnapshot(exporter, datagrams, records, templates, optionRecords, templateMisses,
                sequenceGaps, decodeErrors, queueDrops, byKind, clockAheadRecords, maxAheadMillis);
    }
}

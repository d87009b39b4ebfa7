package org.virtguard.flows.decode;

/**
 * Exporter clock skew: a flow record whose time lies more than {@link #MAX_AHEAD_MILLIS} after its datagram's
 * arrival comes from an exporter whose clock runs ahead (or whose uptime arithmetic is wrong). The record keeps the
 * exporter's time; detection windows run on {@link #detectionTime}, which cannot jump ahead of arrival by more than
 * the bound, so one skewed exporter cannot expire every other source's window or date alerts in the future.
 */
public final class ClockSkew {

    /** How far ahead of arrival a flow's time may lie before the exporter's clock counts as skewed: 5 minutes. */
    public static final long MAX_AHEAD_MILLIS = 5 * 60_000L;

    private ClockSkew() {
    }

    /**
     * The time detection uses for a flow: its end time (its arrival when the exporter sent none), but never more
     * than {@link #MAX_AHEAD_MILLIS} after its arrival when the arrival is known.
     */
    public static long detectionTime(long endMillis, long receivedMillis) {
        long exporterTime = endMillis > 0 ? endMillis : receivedMillis;
        return receivedMillis > 0 ? Math.min(exporterTime, receivedMillis + MAX_AHEAD_MILLIS) : exporterTime;
    }

    /** How far the record's latest time lies ahead of its arrival, in milliseconds (0 when not ahead or unknown). */
    static long ahead(FlowRecord r) {
        if (r.receivedMillis <= 0) {
            return 0;
        }
        return Math.max(0, Math.max(r.endMillis, r.startMillis) - r.receivedMillis);
    }

    /** Text for a duration in milliseconds as an operator reads it: {@code 3 d 4 h}, {@code 2 h 5 min}, {@code 42 s}. */
    public static String describe(long millis) {
        long s = millis / 1000;
        if (s >= 86400) {
            return s / 86400 + " d " + (s % 86400) / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}

package org.virtguard.flows.decode;

/** Told, on the decoding thread, when an exporter's records lie ahead of their arrival (see {@link ClockSkew}). */
@FunctionalInterface
public interface ClockSkewListener {

    /** Ignores every report. */
    ClockSkewListener NONE = (exporter, skew) -> { };

    /**
     * Reports {@code exporter}'s clock skew as it stands: called when an exporter is first seen ahead, then at most
     * once a minute (of arrival time) while it stays ahead.
     */
    void clockAhead(String exporter, SkewReport skew);

    /**
     * One exporter's skew so far.
     *
     * @param aheadMillis      how far the latest skewed record lay ahead of its arrival
     * @param maxAheadMillis   the largest lead seen
     * @param records          records seen ahead of their arrival beyond the bound
     * @param firstArrival     arrival time of the first skewed record, epoch milliseconds
     * @param lastArrival      arrival time of the latest skewed record, epoch milliseconds
     * @param report           which report this is for the exporter: 1 for the first
     */
    record SkewReport(long aheadMillis, long maxAheadMillis, long records, long firstArrival, long lastArrival,
                      long report) {

        /** Whether this is the first report of the exporter's skew. */
        public boolean first() {
            return report == 1;
        }
    }
}

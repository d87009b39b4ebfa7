package org.virtguard.flows.decode;

import java.util.Map;

/**
 * Metrics of one exporter at one moment.
 *
 * @param exporter       exporter address as text
 * @param datagrams      datagrams received
 * @param records        flow data records decoded
 * @param templates      template and options-template records accepted
 * @param optionRecords  options data records (sampling configuration) decoded
 * @param templateMisses data sets whose template was unknown or expired
 * @param sequenceGaps   datagrams whose sequence number was not the expected one
 * @param decodeErrors   malformed datagrams or sets, all kinds
 * @param queueDrops     datagrams dropped because VirtGuard's queue was full
 * @param errorsByKind   decode errors by kind (only kinds seen)
 * @param clockAheadRecords records whose time lay more than {@link ClockSkew#MAX_AHEAD_MILLIS} after their arrival
 * @param maxClockAheadMillis the largest lead of a record's time over its arrival seen among those
 */
public record CounterSnapshot(String exporter, long datagrams, long records, long templates, long optionRecords,
                              long templateMisses, long sequenceGaps, long decodeErrors, long queueDrops,
                              Map<DecodeError, Long> errorsByKind, long clockAheadRecords, long maxClockAheadMillis) {
    public CounterSnapshot {
        errorsByKind = Map.copyOf(errorsByKind);
    }

    /** Counters of an exporter with no clock skew seen. */
    public CounterSnapshot(String exporter, long datagrams, long records, long templates, long optionRecords,
                           long templateMisses, long sequenceGaps, long decodeErrors, long queueDrops,
                           Map<DecodeError, Long> errorsByKind) {
        this(exporter, datagrams, records, templates, optionRecords, templateMisses, sequenceGaps, decodeErrors,
                queueDrops, errorsByKind, 0, 0);
    }

    /** Whether this exporter's clock was seen running ahead of arrival beyond the bound. */
    public boolean clockSkewed() {
        return clockAheadRecords > 0;
    }

    /** A one-line warning about the exporter's clock for operators, or empty when it was not seen skewed. */
    public java.util.Optional<String> clockWarning() {
        if (!clockSkewed()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("exporter " + exporter + ": clock runs up to " + ClockSkew.describe(maxClockAheadMillis)
                + " ahead of arrival (" + clockAheadRecords + " records); flow times are kept as sent, detection "
                + "windows use arrival time. Check the exporter's NTP");
    }
}

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
 */
public record CounterSnapshot(String exporter, long datagrams, long records, long templates, long optionRecords,
                              long templateMisses, long sequenceGaps, long decodeErrors, long queueDrops,
                              Map<DecodeError, Long> errorsByKind) {
    public CounterSnapshot {
        errorsByKind = Map.copyOf(errorsByKind);
    }
}

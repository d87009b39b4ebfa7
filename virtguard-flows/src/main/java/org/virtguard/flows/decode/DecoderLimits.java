package org.virtguard.flows.decode;

import java.time.Duration;

/**
 * Bounds that keep the decoder's memory finite whatever exporters send.
 *
 * @param maxExporters            exporters tracked; datagrams from further exporters are counted under one
 *                                overflow exporter
 * @param maxTemplatesPerExporter templates cached per exporter; further templates are refused and counted
 * @param maxFieldsPerTemplate    fields a template may declare
 * @param templateTimeout         a template not refreshed for this long expires
 */
public record DecoderLimits(int maxExporters, int maxTemplatesPerExporter, int maxFieldsPerTemplate,
                            Duration templateTimeout) {

    /** Defaults suitable for production: 4096 exporters, 1024 templates each, 256 fields, 30 minutes. */
    public static DecoderLimits defaults() {
        return new DecoderLimits(4096, 1024, 256, Duration.ofMinutes(30));
    }

    public DecoderLimits {
        if (maxExporters < 1 || maxTemplatesPerExporter < 1 || maxFieldsPerTemplate < 1) {
            throw new IllegalArgumentException("decoder limits must be positive");
        }
    }
}

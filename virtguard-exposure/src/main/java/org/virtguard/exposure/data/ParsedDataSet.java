package org.virtguard.exposure.data;

import java.time.Instant;
import java.util.Map;

/**
 * A data file that passed its kind's checks, ready to be stored.
 *
 * @param kind     the kind's name
 * @param key      the data set it replaces as a whole (e.g. {@code kev}, {@code epss}, {@code osv:Debian:12})
 * @param dataDate the date the data carries (KEV {@code dateReleased}, EPSS {@code score_date}, NVD
 *                 {@code timestamp}/latest {@code lastModified}, OSV latest {@code modified}), or {@code null}
 * @param records  records accepted
 * @param skipped  records skipped, by reason
 * @param payload  what the store keeps: content the same kind reads back ({@link DataKind#parse})
 * @param value    the parsed value (e.g. a {@code KevCatalog}), for use without a store round trip
 */
public record ParsedDataSet(String kind, String key, Instant dataDate, int records, Map<String, Integer> skipped,
                            byte[] payload, Object value) {

    public ParsedDataSet {
        skipped = Map.copyOf(skipped);
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }
}

package org.virtguard.exposure.data;

import java.time.Instant;
import java.util.Map;

/**
 * Provenance of one loaded data set.
 *
 * @param kind     the data kind
 * @param key      the data set
 * @param fileName the file it was loaded from
 * @param sha256   that file's SHA-256
 * @param fileBytes that file's size
 * @param dataDate the date the data carries, or {@code null} when the file has none
 * @param loadedAt when it was loaded
 * @param records  records accepted
 * @param skipped  records skipped, by reason
 */
public record DataSetInfo(String kind, String key, String fileName, String sha256, long fileBytes, Instant dataDate,
                          Instant loadedAt, int records, Map<String, Integer> skipped) {

    public DataSetInfo {
        skipped = Map.copyOf(skipped == null ? Map.of() : skipped);
    }

    /** The date its age is measured from: the data's own date, else the load time. */
    public Instant effectiveDate() {
        return dataDate != null ? dataDate : loadedAt;
    }

    /** How findings cite it: {@code kev (known_exploited_vulnerabilities.json, 2025-08-25)}. */
    public String citation() {
        return key + " (" + fileName + ", " + (dataDate != null ? "data of " + dataDate.toString().substring(0, 10)
                : "loaded " + loadedAt.toString().substring(0, 10)) + ")";
    }
}

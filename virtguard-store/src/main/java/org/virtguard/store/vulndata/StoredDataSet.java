package org.virtguard.store.vulndata;

import java.time.Instant;
import java.util.Map;

/**
 * Provenance of one stored vulnerability data set.
 *
 * @param id        row id; a new load gets a new id
 * @param key       the data set, e.g. {@code kev}, {@code epss}, {@code osv:Debian}
 * @param kind      the data kind that read it
 * @param fileName  the file it was loaded from
 * @param sha256    that file's SHA-256
 * @param fileBytes that file's size
 * @param dataDate  the date the data carries, or {@code null}
 * @param loadedAt  when it was loaded
 * @param records   records accepted
 * @param skipped   records skipped, by reason
 * @param payloadBytes size of the stored payload before compression
 */
public record StoredDataSet(long id, String key, String kind, String fileName, String sha256, long fileBytes,
                            Instant dataDate, Instant loadedAt, int records, Map<String, Integer> skipped,
                            long payloadBytes) {

    public StoredDataSet {
        skipped = Map.copyOf(skipped == null ? Map.of() : skipped);
    }
}

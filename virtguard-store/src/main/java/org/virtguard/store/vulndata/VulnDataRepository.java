package org.virtguard.store.vulndata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.jdbi.v3.core.Jdbi;
import org.virtguard.model.ErrorCode;
import org.virtguard.store.Sql;
import org.virtguard.store.StoreException;

/**
 * Stored vulnerability data sets: provenance rows plus each set's payload, gzip-compressed and split in chunks of
 * {@link #CHUNK_BYTES}. {@link #replace} swaps a data set in one transaction; {@link #payload} streams it back so a
 * restarted service uses the loaded data without the files it came from.
 */
public final class VulnDataRepository {

    /** Size of one stored chunk of compressed payload. */
    public static final int CHUNK_BYTES = 512 * 1024;
    private static final String COLUMNS = "id, set_key, kind, file_name, sha256, file_bytes, data_date, loaded_at, "
            + "records, skipped, skipped_reasons, payload_bytes";

    private final Jdbi jdbi;

    public VulnDataRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Replaces the data set {@code set.key()} (or adds it) with {@code payload}, in one transaction: when anything
     * fails, the previous data set stays as it was.
     *
     * @return the stored row, with its new id
     */
    public StoredDataSet replace(StoredDataSet set, byte[] payload) {
        List<byte[]> chunks = chunks(compress(payload));
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM vuln_data_chunk WHERE set_id IN "
                    + "(SELECT id FROM vuln_data_set WHERE set_key = :key)").bind("key", set.key()).execute();
            handle.createUpdate("DELETE FROM vuln_data_set WHERE set_key = :key").bind("key", set.key()).execute();
            long id = handle.createUpdate("""
                            INSERT INTO vuln_data_set (set_key, kind, file_name, sha256, file_bytes, data_date,
                                loaded_at, records, skipped, skipped_reasons, payload_bytes)
                            VALUES (:key, :kind, :file, :sha, :bytes, :dataDate, :loadedAt, :records, :skipped,
                                :reasons, :payload)""")
                    .bind("key", cut(set.key(), 512)).bind("kind", cut(set.kind(), 32))
                    .bind("file", cut(set.fileName(), 1024)).bind("sha", cut(set.sha256(), 64))
                    .bind("bytes", set.fileBytes())
                    .bind("dataDate", set.dataDate() == null ? null : Sql.truncate(set.dataDate()))
                    .bind("loadedAt", Sql.truncate(set.loadedAt())).bind("records", set.records())
                    .bind("skipped", set.skipped().values().stream().mapToInt(Integer::intValue).sum())
                    .bind("reasons", cut(reasons(set.skipped()), 4000)).bind("payload", (long) payload.length)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (int i = 0; i < chunks.size(); i++) {
                handle.createUpdate("INSERT INTO vuln_data_chunk (set_id, seq, data) VALUES (:id, :seq, :data)")
                        .bind("id", id).bind("seq", i).bind("data", chunks.get(i)).execute();
            }
            return new StoredDataSet(id, set.key(), set.kind(), set.fileName(), set.sha256(), set.fileBytes(),
                    set.dataDate() == null ? null : Sql.truncate(set.dataDate()), Sql.truncate(set.loadedAt()),
                    set.records(), set.skipped(), payload.length);
        });
    }

    /** Every stored data set, by key. */
    public List<StoredDataSet> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM vuln_data_set ORDER BY set_key")
                .map((rs, ctx) -> read(rs)).list());
    }

    public Optional<StoredDataSet> find(String key) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM vuln_data_set WHERE set_key = :key")
                .bind("key", key).map((rs, ctx) -> read(rs)).findOne());
    }

    /**
     * The payload of the data set with row id {@code id}, decompressed.
     *
     * @param maxBytes refuse payloads larger than this
     */
    public byte[] payload(long id, long maxBytes) {
        List<byte[]> chunks = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT data FROM vuln_data_chunk WHERE set_id = :id ORDER BY seq")
                .bind("id", id).map((rs, ctx) -> rs.getBytes(1)).list());
        if (chunks.isEmpty()) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "vulnerability data set " + id + " has no stored payload");
        }
        List<InputStream> parts = new ArrayList<>();
        chunks.forEach(c -> parts.add(new ByteArrayInputStream(c)));
        try (InputStream in = new GZIPInputStream(new SequenceInputStream(Collections.enumeration(parts)))) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new StoreException(ErrorCode.INVALID_INPUT, "vulnerability data set " + id + " is larger than "
                        + maxBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "vulnerability data set " + id + " is damaged: "
                    + e.getMessage(), e);
        }
    }

    /** Changes whenever a data set is loaded or removed: the number of sets and the newest row id. */
    public String fingerprint() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) AS n, MAX(id) AS newest FROM vuln_data_set")
                .map((rs, ctx) -> rs.getLong("n") + ":" + rs.getLong("newest")).one());
    }

    /** Removes a data set; returns whether it existed. */
    public boolean remove(String key) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("DELETE FROM vuln_data_chunk WHERE set_id IN "
                    + "(SELECT id FROM vuln_data_set WHERE set_key = :key)").bind("key", key).execute();
            return handle.createUpdate("DELETE FROM vuln_data_set WHERE set_key = :key").bind("key", key).execute() > 0;
        });
    }

    private static StoredDataSet read(ResultSet rs) throws SQLException {
        Instant dataDate = Sql.instant(rs, "data_date");
        return new StoredDataSet(rs.getLong("id"), rs.getString("set_key"), rs.getString("kind"),
                rs.getString("file_name"), rs.getString("sha256"), rs.getLong("file_bytes"),
                dataDate, Sql.instant(rs, "loaded_at"),
                rs.getInt("records"), parseReasons(rs.getString("skipped_reasons")), rs.getLong("payload_bytes"));
    }

    private static byte[] compress(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, payload.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(payload);
        } catch (IOException e) {
            throw new StoreException(ErrorCode.INVALID_INPUT, "cannot compress a vulnerability data set: "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static List<byte[]> chunks(byte[] data) {
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < data.length; at += CHUNK_BYTES) {
            chunks.add(java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + CHUNK_BYTES)));
        }
        return chunks;
    }

    /** {@code reason=count} lines; a reason never holds a newline or '='. */
    static String reasons(Map<String, Integer> skipped) {
        StringBuilder b = new StringBuilder();
        skipped.forEach((reason, count) -> b.append(reason.replaceAll("[\\r\\n=]", " ")).append('=').append(count)
                .append('\n'));
        return b.toString();
    }

    static Map<String, Integer> parseReasons(String text) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        if (text == null) {
            return reasons;
        }
        for (String line : text.split("\n")) {
            int eq = line.lastIndexOf('=');
            if (eq > 0) {
                try {
                    reasons.put(line.substring(0, eq), Integer.parseInt(line.substring(eq + 1)));
                } catch (NumberFormatException e) {
                    reasons.put(line, 0);
                }
            }
        }
        return reasons;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

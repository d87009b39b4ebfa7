package org.virtguard.exposure.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.exposure.ExposureDataException;

/**
 * NVD CVE data in the API 2.0 format — a single record ({@code {"id": "CVE-…", …}}), an API response or a yearly
 * feed ({@code {"vulnerabilities": [{"cve": …}]}}), also {@code .json.gz} — checked for structure only: valid JSON,
 * every record an object with a CVE id, no record larger than {@link #MAX_RECORD_BYTES}. Each file is its own data
 * set ({@code nvd:<file>}) dated by the feed's {@code timestamp} or its newest {@code lastModified}.
 *
 * <p>Seam: the CPE matching reader ({@code org.virtguard.exposure.nvd.NvdReader}, developed separately) plugs in by
 * registering its own kind named {@code nvd} with {@link DataKinds#with(DataKind)}; it may then keep a reduced
 * payload (the CPE configurations and metrics) instead of the whole feed this structural kind keeps.
 */
public final class NvdDataKind implements DataKind {

    public static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;
    static final long MAX_BYTES = 1024L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "nvd";
    }

    @Override
    public boolean detects(DataFile file, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return text.contains("\"vulnerabilities\"") && (text.contains("\"cve\"") || text.contains("NVD_CVE"))
                || text.matches("(?s)\\s*\\{\\s*\"id\"\\s*:\\s*\"CVE-.*") || text.contains("\"CVE_data_meta\"")
                || text.contains("\"CVE_Items\"");
    }

    @Override
    public ParsedDataSet parse(DataFile file) {
        Counts counts = new Counts();
        checkRecordSizes(file);
        try (InputStream in = file.open(); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ExposureDataException(file.name() + ": not an NVD record or feed (expected a JSON object)");
            }
            boolean feed = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ((field.equals("vulnerabilities") || field.equals("CVE_Items")) && value == JsonToken.START_ARRAY) {
                    feed = true;
                    records(p, file.name(), counts);
                } else if (field.equals("timestamp") && value == JsonToken.VALUE_STRING) {
                    counts.timestamp = date(p.getText());
                } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
                    counts.singleId = p.getText();
                } else if (field.equals("lastModified") && value == JsonToken.VALUE_STRING) {
                    counts.newer(date(p.getText()));
                } else if (field.equals("CVE_data_meta") && value == JsonToken.START_OBJECT) {
                    JsonNode meta = JSON.readTree(p);
                    counts.singleId = meta.path("ID").asText(null);
                } else if (field.equals("cve") && value == JsonToken.START_OBJECT) {
                    JsonNode cve = JSON.readTree(p);
                    counts.singleId = cve.has("id") ? cve.path("id").asText(null)
                            : cve.path("CVE_data_meta").path("ID").asText(null);
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new ExposureDataException(file.name() + ": truncated JSON");
            }
            if (!feed) {
                if (p.currentLocation().getByteOffset() > MAX_RECORD_BYTES) {
                    throw new ExposureDataException(file.name() + ": a single record larger than the "
                            + MAX_RECORD_BYTES + " bytes a CVE record may be");
                }
                if (counts.singleId == null || !counts.singleId.matches("CVE-\\d{4}-\\d{4,}")) {
                    throw new ExposureDataException(file.name() + ": not an NVD CVE record: no CVE id");
                }
                counts.records = 1;
            }
        } catch (JsonProcessingException e) {
            throw new ExposureDataException(file.name() + ": not valid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExposureDataException(file.name() + ": cannot read: " + e.getMessage(), e);
        }
        Instant date = counts.timestamp != null ? counts.timestamp : counts.newest;
        String key = "nvd:" + file.plainName().replaceFirst("\\.json$", "");
        return new ParsedDataSet(name(), key, date, counts.records, counts.skipped, file.readAll(MAX_BYTES),
                null);
    }

    /** A first pass that skips every record without building it, so an oversized record is never held in memory. */
    private static void checkRecordSizes(DataFile file) {
        try (InputStream in = file.open(); JsonParser p = new JsonFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ((field.equals("vulnerabilities") || field.equals("CVE_Items")) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long start = p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        long end = p.currentLocation().getByteOffset();
                        if (end - start > MAX_RECORD_BYTES) {
                            throw new ExposureDataException(file.name() + ": a record of " + (end - start)
                                    + " bytes at byte " + start + " is larger than the " + MAX_RECORD_BYTES
                                    + " bytes a CVE record may be");
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return;
        }
    }

    private static void records(JsonParser p, String origin, Counts counts) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode record = JSON.readTree(p);
            JsonNode cve = record.has("cve") ? record.get("cve") : record;
            String id = cve.path("id").asText(cve.path("CVE_data_meta").path("ID").asText(null));
            if (id == null || !id.matches("CVE-\\d{4}-\\d{4,}")) {
                counts.skipped.merge("record without a CVE id", 1, Integer::sum);
                continue;
            }
            counts.records++;
            counts.newer(date(cve.path("lastModified").asText(null)));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new ExposureDataException(origin + ": 'vulnerabilities' holds something other than records");
        }
    }

    private static Instant date(String text) {
        if (text == null || text.length() > 40) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static final class Counts {
        int records;
        Map<String, Integer> skipped = new TreeMap<>();
        Instant timestamp;
        Instant newest;
        String singleId;

        void newer(Instant date) {
            if (date != null && (newest == null || date.isAfter(newest))) {
                newest = date;
            }
        }
    }
}

package org.virtguard.exposure.nvd;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import org.virtguard.exposure.ExposureDataException;

/**
 * Reads NVD CVE data offline: single API 2.0 records ({@code {"id": …}}), API 2.0 responses and yearly feeds
 * ({@code {"vulnerabilities": [{"cve": …}]}}), JSON 1.1 feeds ({@code CVE_Items}) and single 1.1 items, plain or
 * gzip-compressed. Files are streamed; each record is buffered up to a size limit and parsed on its own, so a
 * record that is too large or has the wrong shape is counted and skipped and the rest is still read. A file that
 * is not JSON, ends early or has no NVD shape at all is rejected with an {@link ExposureDataException} naming the
 * file, the position and the last record read; data sets already read are unaffected.
 */
public final class NvdReader {

    /** Per-record limit by default; the largest real records (thousands of CPEs) are a few MiB. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;
    private static final int MAX_DEPTH = 64;

    private final long maxRecordBytes;
    private final ObjectMapper mapper;
    private final JsonFactory factory;

    public NvdReader() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    /** A reader that skips records larger than {@code maxRecordBytes}. */
    public NvdReader(long maxRecordBytes) {
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("record limit below 1 KiB");
        }
        this.maxRecordBytes = maxRecordBytes;
        this.factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE - 16, maxRecordBytes))
                .maxNestingDepth(MAX_DEPTH).build()).build();
        this.mapper = new ObjectMapper(factory);
    }

    /**
     * Reads every {@code .json} and {@code .json.gz} file in {@code paths} (directories are searched one level
     * deep). A file that cannot be read is named in the result's problems; the other files are still read.
     */
    public NvdDataSet readAll(List<Path> paths) {
        List<NvdDataSet> sets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files(paths, problems)) {
            try {
                sets.add(read(file));
            } catch (ExposureDataException e) {
                problems.add(e.getMessage());
            }
        }
        NvdDataSet merged = NvdDataSet.merge(sets);
        List<String> all = new ArrayList<>(problems);
        all.addAll(merged.problems());
        return new NvdDataSet(merged.records(), merged.files(), all);
    }

    /**
     * Reads one file.
     *
     * @throws ExposureDataException when the file cannot be read, is not JSON, ends early, or has no NVD shape
     */
    public NvdDataSet read(Path file) {
        try (InputStream in = open(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ExposureDataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads NVD JSON from {@code in}; {@code origin} names it in records and errors. */
    public NvdDataSet read(InputStream in, String origin) {
        Collector c = new Collector(origin);
        try (JsonParser p = factory.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ExposureDataException(origin + ": not an NVD JSON file (expected an object at the top)");
            }
            TokenBuffer rest = new TokenBuffer(p, null);
            rest.writeStartObject();
            long restStart = offset(p);
            boolean listed = false;
            String timestamp = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (("vulnerabilities".equals(field) || "CVE_Items".equals(field))) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new ExposureDataException(origin + ": field '" + field + "' must be an array");
                    }
                    listed = true;
                    readList(p, c, "vulnerabilities".equals(field));
                } else if (("timestamp".equals(field) || "CVE_data_timestamp".equals(field))
                        && value == JsonToken.VALUE_STRING) {
                    timestamp = p.getText();
                    rest.writeFieldName(field);
                    rest.copyCurrentEvent(p);
                } else if (!listed) {
                    rest.writeFieldName(field);
                    copyBounded(p, rest, restStart, c);
                } else {
                    p.skipChildren();
                }
            }
            if (!listed) {
                rest.writeEndObject();
                if (c.oversized) {
                    throw new ExposureDataException(origin + ": the record is larger than the " + maxRecordBytes
                            + "-byte record limit");
                }
                JsonNode root = mapper.readTree(rest.asParser());
                if (!root.has("id") && !root.path("cve").has("CVE_data_meta")) {
                    throw new ExposureDataException(origin + ": no NVD data: neither 'vulnerabilities' (API 2.0), "
                            + "'CVE_Items' (1.1 feed) nor a single record ('id')");
                }
                c.add(root, origin);
            }
            return c.result(timestamp);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ExposureDataException(origin + ": invalid JSON" + at + " (" + c.describeProgress() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExposureDataException(origin + ": cannot read: " + e.getMessage(), e);
        }
    }

    private void readList(JsonParser p, Collector c, boolean wrapped) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonEndException(p);
            }
            c.index++;
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                c.skip("record #" + c.index + ": expected an object");
                continue;
            }
            long start = offset(p);
            TokenBuffer buffer = new TokenBuffer(p, null);
            c.oversized = false;
            c.currentId = null;
            copyBounded(p, buffer, start, c);
            if (c.oversized) {
                c.skip("record #" + c.index + (c.currentId == null ? "" : " (" + c.currentId + ")")
                        + ": larger than the " + maxRecordBytes + "-byte record limit, skipped");
                continue;
            }
            JsonNode item = mapper.readTree(buffer.asParser());
            JsonNode record = wrapped ? item.get("cve") : item;
            if (record == null) {
                c.skip("record #" + c.index + ": field 'cve' is missing");
                continue;
            }
            c.add(wrapped ? record : item, c.origin + " #" + c.index);
        }
    }

    /** Copies the value at the parser's current token into {@code out}, or consumes it when past the limit. */
    private void copyBounded(JsonParser p, TokenBuffer out, long start, Collector c) throws IOException {
        int depth = 0;
        JsonToken t = p.currentToken();
        String lastField = null;
        while (true) {
            if (t == null) {
                throw new JsonEndException(p);
            }
            if (!c.oversized && offset(p) - start > maxRecordBytes) {
                c.oversized = true;
            }
            if (t == JsonToken.FIELD_NAME) {
                lastField = p.currentName();
            } else if (t == JsonToken.VALUE_STRING && "id".equals(lastField) && depth <= 2 && c.currentId == null) {
                String id = p.getText();
                c.currentId = id.length() > 40 ? id.substring(0, 40) : id;
            }
            if (!c.oversized) {
                try {
                    out.copyCurrentEvent(p);
                } catch (StreamConstraintsException e) {
                    throw new ExposureDataException(c.origin + ": record #" + c.index
                            + (c.currentId == null ? "" : " (" + c.currentId + ")") + " holds a string longer than the "
                            + maxRecordBytes + "-byte record limit; the file is rejected (" + c.describeProgress()
                            + ")", e);
                }
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    private static long offset(JsonParser p) {
        long o = p.currentLocation().getByteOffset();
        return o < 0 ? p.currentLocation().getCharOffset() : o;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return raw;
    }

    private static List<Path> files(List<Path> paths, List<String> problems) {
        List<Path> out = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(Files::isRegularFile).filter(NvdReader::isNvdFileName)
                            .sorted(Comparator.naturalOrder()).forEach(out::add);
                } catch (IOException e) {
                    problems.add(path + ": cannot list the directory: " + e.getMessage());
                }
            } else {
                out.add(path);
            }
        }
        return out;
    }

    private static boolean isNvdFileName(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".json") || name.endsWith(".json.gz");
    }

    /** The input ended inside the JSON. */
    private static final class JsonEndException extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonEndException(JsonParser p) {
            super("the file ends before the JSON is complete (truncated?)", p.currentLocation());
        }
    }

    private final class Collector {
        final String origin;
        final List<CveRecord> records = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int skipped;
        int index;
        boolean oversized;
        String currentId;
        LocalDate newest;

        Collector(String origin) {
            this.origin = origin;
        }

        void add(JsonNode node, String source) {
            try {
                CveRecord r = RecordParser.parse(node, source);
                records.add(r);
                if (r.lastModified() != null && (newest == null || r.lastModified().isAfter(newest))) {
                    newest = r.lastModified();
                }
            } catch (RecordSchemaException e) {
                String id = node.path("id").asText(node.path("cve").path("CVE_data_meta").path("ID").asText(""));
                skip("record #" + Math.max(1, index) + (id.isEmpty() ? "" : " (" + shorten(id) + ")") + ": "
                        + e.getMessage());
            }
        }

        void skip(String message) {
            skipped++;
            if (problems.size() < NvdDataSet.MAX_PROBLEMS) {
                problems.add(origin + ": " + message);
            }
        }

        String describeProgress() {
            return records.isEmpty() ? "no record read before"
                    : records.size() + " records read before, the last " + records.get(records.size() - 1).id();
        }

        NvdDataSet result(String timestamp) {
            LocalDate date = newest;
            if (timestamp != null && timestamp.length() >= 10) {
                try {
                    date = LocalDate.parse(timestamp.substring(0, 10));
                } catch (java.time.DateTimeException e) {
                    problems.add(origin + ": unreadable timestamp '" + shorten(timestamp) + "'");
                }
            }
            if (records.isEmpty() && skipped == 0 && index == 0 && timestamp == null) {
                problems.add(origin + ": no CVE records");
            }
            return new NvdDataSet(records, List.of(new NvdDataSet.SourceFile(origin, records.size(), skipped, date)),
                    problems);
        }
    }

    private static String shorten(String s) {
        return (s.length() > 40 ? s.substring(0, 40) : s).replaceAll("\\p{Cntrl}", "?");
    }
}

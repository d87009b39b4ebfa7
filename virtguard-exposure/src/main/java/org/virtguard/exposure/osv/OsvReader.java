package org.virtguard.exposure.osv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads OSV records (https://ossf.github.io/osv-schema/): one record per JSON file, a directory of them, or the
 * zip OSV publishes per ecosystem ({@code Debian/all.zip}). Every input is bounded: a record larger than
 * {@link #MAX_RECORD_BYTES}, more than {@link #MAX_RECORDS} records or more than {@link #MAX_TOTAL_BYTES}
 * uncompressed stop the read with an error naming the file; a record of the wrong shape is skipped and counted with
 * its reason, and never stops the others.
 */
public final class OsvReader {

    public static final int MAX_RECORD_BYTES = 4 * 1024 * 1024;
    public static final int MAX_RECORDS = 500_000;
    public static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024 * 1024;
    private static final int MAX_DEPTH = 6;
    private static final Set<String> EVENT_TYPES = Set.of("introduced", "fixed", "last_affected", "limit");
    private static final Set<String> RANGE_TYPES = Set.of("ECOSYSTEM", "SEMVER", "GIT");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a read produced.
     *
     * @param records the records of the right shape
     * @param skipped reasons of skipped records, with their counts
     */
    public record Result(List<OsvRecord> records, Map<String, Integer> skipped) {
        public int skippedCount() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final List<OsvRecord> records = new ArrayList<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private long totalBytes;

    private OsvReader() {
    }

    /** Reads a single record file, a zip of records or a directory holding either. */
    public static Result read(Path path) {
        OsvReader reader = new OsvReader();
        try {
            if (Files.isDirectory(path)) {
                reader.directory(path);
            } else if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                reader.zip(path);
            } else {
                reader.file(path);
            }
        } catch (IOException e) {
            throw new OsvFormatException(path + ": cannot read: " + e.getMessage());
        }
        return new Result(List.copyOf(reader.records), Map.copyOf(reader.skipped));
    }

    /** Reads records from bytes: one record object or an array of them. */
    public static Result read(byte[] json, String origin) {
        OsvReader reader = new OsvReader();
        reader.bytes(json, origin);
        return new Result(List.copyOf(reader.records), Map.copyOf(reader.skipped));
    }

    private void directory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".json") || n.endsWith(".zip");
            }).sorted().toList();
        }
        for (Path file : files) {
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                zip(file);
            } else {
                file(file);
            }
        }
    }

    private void file(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_RECORD_BYTES) {
            throw new OsvFormatException(file + ": " + size + " bytes, larger than an OSV record may be ("
                    + MAX_RECORD_BYTES + ")");
        }
        count(size, file.toString());
        bytes(Files.readAllBytes(file), file.toString());
    }

    private void zip(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = nextEntry(zip, file)) != null) {
                entries++;
                if (entry.isDirectory() || !entry.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                    continue;
                }
                byte[] data = zip.readNBytes(MAX_RECORD_BYTES + 1);
                String origin = file + "!" + entry.getName();
                if (data.length > MAX_RECORD_BYTES) {
                    throw new OsvFormatException(origin + ": larger than an OSV record may be (" + MAX_RECORD_BYTES
                            + " bytes)");
                }
                count(data.length, file.toString());
                bytes(data, origin);
            }
            if (entries == 0) {
                throw new OsvFormatException(file + ": not a zip archive, or an empty one");
            }
        }
    }

    private static ZipEntry nextEntry(ZipInputStream zip, Path file) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (java.util.zip.ZipException e) {
            throw new OsvFormatException(file + ": not a readable zip: " + e.getMessage());
        }
    }

    private void count(long bytes, String origin) {
        totalBytes += bytes;
        if (totalBytes > MAX_TOTAL_BYTES) {
            throw new OsvFormatException(origin + ": more than " + MAX_TOTAL_BYTES + " bytes of OSV records");
        }
    }

    private void bytes(byte[] json, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            skip("not valid JSON", origin);
            return;
        } catch (IOException e) {
            throw new OsvFormatException(origin + ": cannot read: " + e.getMessage());
        }
        if (root != null && root.isArray()) {
            for (JsonNode node : root) {
                one(node, origin);
            }
        } else {
            one(root, origin);
        }
    }

    private void one(JsonNode node, String origin) {
        if (records.size() >= MAX_RECORDS) {
            throw new OsvFormatException(origin + ": more than " + MAX_RECORDS + " OSV records");
        }
        try {
            records.add(record(node));
        } catch (OsvFormatException e) {
            skip(e.getMessage(), origin);
        }
    }

    private void skip(String reason, String origin) {
        skipped.merge(reason, 1, Integer::sum);
    }

    /** Checks the shape of one record against the OSV schema's required fields and types. */
    static OsvRecord record(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new OsvFormatException("record is not a JSON object");
        }
        String id = text(node, "id");
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}")) {
            throw new OsvFormatException("id is missing or not an OSV id");
        }
        String modifiedText = text(node, "modified");
        if (modifiedText == null) {
            throw new OsvFormatException("modified is missing");
        }
        Instant modified;
        try {
            modified = OffsetDateTime.parse(modifiedText).toInstant();
        } catch (DateTimeParseException e) {
            throw new OsvFormatException("modified is not an RFC 3339 time");
        }
        List<String> aliases = new ArrayList<>();
        JsonNode aliasNode = node.path("aliases");
        if (!aliasNode.isMissingNode() && !aliasNode.isNull()) {
            if (!aliasNode.isArray()) {
                throw new OsvFormatException("aliases is not an array");
            }
            aliasNode.forEach(a -> {
                if (a.isTextual() && a.asText().length() <= 200) {
                    aliases.add(a.asText());
                }
            });
        }
        node.path("upstream").forEach(a -> {
            if (a.isTextual() && a.asText().length() <= 200) {
                aliases.add(a.asText());
            }
        });
        JsonNode affectedNode = node.path("affected");
        if (!affectedNode.isMissingNode() && !affectedNode.isArray()) {
            throw new OsvFormatException("affected is not an array");
        }
        List<OsvRecord.Affected> affected = new ArrayList<>();
        for (JsonNode a : affectedNode) {
            affected(a).ifPresent(affected::add);
        }
        return new OsvRecord(id, modified, aliases, affected);
    }

    private static java.util.Optional<OsvRecord.Affected> affected(JsonNode a) {
        if (!a.isObject()) {
            throw new OsvFormatException("affected[] entry is not an object");
        }
        JsonNode pkg = a.path("package");
        if (pkg.isMissingNode()) {
            return java.util.Optional.empty();
        }
        String ecosystem = text(pkg, "ecosystem");
        String name = text(pkg, "name");
        if (ecosystem == null || name == null || ecosystem.length() > 100 || name.length() > 200) {
            throw new OsvFormatException("affected[].package needs ecosystem and name");
        }
        List<List<OsvRecord.Event>> ranges = new ArrayList<>();
        JsonNode rangeNode = a.path("ranges");
        if (!rangeNode.isMissingNode() && !rangeNode.isArray()) {
            throw new OsvFormatException("affected[].ranges is not an array");
        }
        for (JsonNode r : rangeNode) {
            String type = text(r, "type");
            if (type == null || !RANGE_TYPES.contains(type)) {
                throw new OsvFormatException("affected[].ranges[].type must be one of " + RANGE_TYPES);
            }
            JsonNode events = r.path("events");
            if (!events.isArray() || events.isEmpty()) {
                throw new OsvFormatException("affected[].ranges[].events must be a non-empty array");
            }
            List<OsvRecord.Event> list = new ArrayList<>();
            for (JsonNode e : events) {
                if (!e.isObject() || e.size() != 1) {
                    throw new OsvFormatException("affected[].ranges[].events[] must have exactly one of " + EVENT_TYPES);
                }
                String key = e.fieldNames().next();
                JsonNode value = e.get(key);
                if (!EVENT_TYPES.contains(key) || !value.isTextual() || value.asText().length() > 256) {
                    throw new OsvFormatException("affected[].ranges[].events[] must have exactly one of " + EVENT_TYPES);
                }
                list.add(new OsvRecord.Event(key, value.asText()));
            }
            if (list.stream().noneMatch(e -> e.type().equals("introduced"))) {
                throw new OsvFormatException("affected[].ranges[] has no introduced event");
            }
            if (type.equals("ECOSYSTEM")) {
                ranges.add(list);
            }
        }
        List<String> versions = new ArrayList<>();
        a.path("versions").forEach(v -> {
            if (v.isTextual() && v.asText().length() <= 256) {
                versions.add(v.asText());
            }
        });
        return java.util.Optional.of(new OsvRecord.Affected(ecosystem, name, ranges, versions));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}

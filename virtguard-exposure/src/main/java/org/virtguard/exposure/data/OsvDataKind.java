package org.virtguard.exposure.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.virtguard.exposure.ExposureDataException;
import org.virtguard.exposure.osv.OsvFormatException;
import org.virtguard.exposure.osv.OsvReader;
import org.virtguard.exposure.osv.OsvRecord;

/**
 * Distribution security data in OSV format: a record file, or the zip OSV publishes per ecosystem. A zip is one data
 * set per ecosystem family ({@code osv:Debian}, replaced as a whole by the next zip); a single record file is its own
 * data set. The store keeps the records reduced to what VirtGuard decides with (id, modified, aliases, ECOSYSTEM
 * ranges), still in OSV shape.
 */
public final class OsvDataKind implements DataKind {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "osv";
    }

    @Override
    public boolean detects(DataFile file, byte[] head) {
        if (file.plainName().endsWith(".zip")) {
            return true;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        return file.plainName().endsWith(".json") && text.contains("\"modified\"")
                && (text.contains("\"affected\"") || text.contains("\"schema_version\""))
                && !text.contains("\"vulnerabilities\"");
    }

    @Override
    public ParsedDataSet parse(DataFile file) {
        OsvReader.Result result;
        boolean zip = file.plainName().endsWith(".zip");
        try {
            if (zip && file.path() != null) {
                result = OsvReader.read(file.path());
            } else if (zip) {
                throw new ExposureDataException(file.name() + ": an OSV zip must be read from a file");
            } else {
                result = OsvReader.read(file.readAll(OsvReader.MAX_RECORD_BYTES * 64L), file.name());
            }
        } catch (OsvFormatException e) {
            throw new ExposureDataException(e.getMessage(), e);
        }
        List<OsvRecord> records = result.records();
        TreeSet<String> families = new TreeSet<>();
        records.forEach(r -> r.affected().forEach(a -> families.add(a.ecosystem().split(":")[0])));
        String key = zip || file.name().startsWith("osv-") ? "osv:" + String.join(",", families)
                : "osv:file:" + file.name();
        Instant newest = records.stream().map(OsvRecord::modified).max(Instant::compareTo).orElse(null);
        return new ParsedDataSet(name(), key, newest, records.size(), result.skipped(), write(records, file.name()),
                records);
    }

    /** The records as an OSV JSON array, reduced to the fields VirtGuard reads. */
    static byte[] write(List<OsvRecord> records, String origin) {
        ArrayNode array = JSON.createArrayNode();
        for (OsvRecord r : records) {
            ObjectNode o = array.addObject();
            o.put("id", r.id());
            o.put("modified", r.modified().toString());
            ArrayNode aliases = o.putArray("aliases");
            r.aliases().forEach(aliases::add);
            ArrayNode affected = o.putArray("affected");
            for (OsvRecord.Affected a : r.affected()) {
                ObjectNode ao = affected.addObject();
                ao.putObject("package").put("ecosystem", a.ecosystem()).put("name", a.name());
                ArrayNode ranges = ao.putArray("ranges");
                for (List<OsvRecord.Event> range : a.ranges()) {
                    ObjectNode ro = ranges.addObject();
                    ro.put("type", "ECOSYSTEM");
                    ArrayNode events = ro.putArray("events");
                    range.forEach(e -> events.addObject().put(e.type(), e.version()));
                }
                ArrayNode versions = ao.putArray("versions");
                a.versions().forEach(versions::add);
            }
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new ExposureDataException(origin + ": cannot keep the OSV records: " + e.getMessage(), e);
        }
    }
}

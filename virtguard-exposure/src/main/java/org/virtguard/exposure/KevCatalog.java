package org.virtguard.exposure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CISA Known Exploited Vulnerabilities catalogue, loaded from its JSON feed
 * ({@code known_exploited_vulnerabilities.json}) or its CSV export. Entries that lack a CVE id or carry
 * unreadable dates are counted and skipped, not fatal.
 */
public final class KevCatalog {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final String version;
    private final Map<String, KevEntry> byCve;
    private final int skipped;
    private java.time.Instant dateReleased;

    private KevCatalog(String version, Map<String, KevEntry> byCve, int skipped) {
        this.version = version;
        this.byCve = Collections.unmodifiableMap(byCve);
        this.skipped = skipped;
    }

    /**
     * Parses the JSON feed or the CSV export from memory, told apart by content.
     *
     * @param origin the file name, for errors
     */
    public static KevCatalog parse(byte[] data, String origin) {
        if (data.length > MAX_BYTES) {
            throw new ExposureDataException(origin + ": larger than " + MAX_BYTES + " bytes");
        }
        String text = new String(data, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            return fromJson(text, origin);
        }
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("cveid,")) {
            return fromCsv(text, origin);
        }
        throw new ExposureDataException(origin + ": neither the KEV JSON feed nor its CSV export");
    }

    /** The feed's {@code dateReleased}, or {@code null} (CSV export, or a feed without it). */
    public java.time.Instant dateReleased() {
        return dateReleased;
    }

    public static KevCatalog empty() {
        return new KevCatalog("none", Map.of(), 0);
    }

    /** Loads the JSON feed or the CSV export, told apart by content. */
    public static KevCatalog load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ExposureDataException(file + ": larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExposureDataException(file + ": cannot read the KEV catalogue: " + e.getMessage(), e);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            return fromJson(text, file.toString());
        }
        if (trimmed.toLowerCase(Locale.ROOT).startsWith("cveid,")) {
            return fromCsv(text, file.toString());
        }
        throw new ExposureDataException(file + ": neither the KEV JSON feed nor its CSV export");
    }

    static KevCatalog fromJson(String json, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ExposureDataException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode list = root.path("vulnerabilities");
        if (!list.isArray()) {
            throw new ExposureDataException(origin + ": field 'vulnerabilities' (an array) is missing");
        }
        Map<String, KevEntry> entries = new HashMap<>();
        int skipped = 0;
        for (JsonNode v : list) {
            Optional<KevEntry> entry = entry(v.path("cveID").asText(null), v.path("vendorProject").asText(null),
                    v.path("product").asText(null), v.path("vulnerabilityName").asText(null),
                    v.path("dateAdded").asText(null), v.path("dueDate").asText(null),
                    v.path("knownRansomwareCampaignUse").asText(null), v.path("requiredAction").asText(null));
            if (entry.isPresent()) {
                entries.put(entry.get().cveId(), entry.get());
            } else {
                skipped++;
            }
        }
        KevCatalog catalog = new KevCatalog(root.path("catalogVersion").asText("unknown"), entries, skipped);
        catalog.dateReleased = releaseDate(root.path("dateReleased").asText(null));
        return catalog;
    }

    private static java.time.Instant releaseDate(String text) {
        if (text == null || text.length() > 40) {
            return null;
        }
        try {
            return java.time.Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static KevCatalog fromCsv(String csv, String origin) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            throw new ExposureDataException(origin + ": empty CSV");
        }
        List<String> header = rows.get(0);
        int cve = column(header, "cveID", origin);
        int vendor = column(header, "vendorProject", origin);
        int product = column(header, "product", origin);
        int name = column(header, "vulnerabilityName", origin);
        int added = column(header, "dateAdded", origin);
        int due = column(header, "dueDate", origin);
        int ransomware = column(header, "knownRansomwareCampaignUse", origin);
        int action = column(header, "requiredAction", origin);
        Map<String, KevEntry> entries = new HashMap<>();
        int skipped = 0;
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() < header.size()) {
                skipped++;
                continue;
            }
            Optional<KevEntry> entry = entry(row.get(cve), row.get(vendor), row.get(product), row.get(name),
                    row.get(added), row.get(due), row.get(ransomware), row.get(action));
            if (entry.isPresent()) {
                entries.put(entry.get().cveId(), entry.get());
            } else {
                skipped++;
            }
        }
        return new KevCatalog("csv", entries, skipped);
    }

    private static int column(List<String> header, String name, String origin) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new ExposureDataException(origin + ": CSV column '" + name + "' is missing");
        }
        return index;
    }

    private static Optional<KevEntry> entry(String cve, String vendor, String product, String name, String added,
                                            String due, String ransomware, String action) {
        if (cve == null || !cve.matches("CVE-\\d{4}-\\d{4,}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new KevEntry(cve, vendor, product, name, date(added), date(due), ransomware, action));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
    }

    public Optional<KevEntry> find(String cveId) {
        return Optional.ofNullable(byCve.get(cveId));
    }

    public int size() {
        return byCve.size();
    }

    /** Entries that could not be read and were skipped. */
    public int skipped() {
        return skipped;
    }

    public String version() {
        return version;
    }

    /** All entries, in no particular order. */
    public List<KevEntry> entries() {
        return new ArrayList<>(byCve.values());
    }
}

package org.virtguard.exposure.vmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.exposure.ExposureDataException;

/**
 * ESXi and vCenter build tables a user supplies, mapping build numbers to release names, update levels, patch
 * bulletins and dates. Reads the virten.net layout ({@code esxiReleases.json}: {@code data.esxiReleases[]};
 * {@code vcenterReleases.json}: {@code data.vcenterReleases[]}) and the KB 2143832-style list
 * ({@code [{"build_number", "major_version", "true_minor_version", "release_date", …}]}). VirtGuard ships no
 * table: third-party tables are read from the user's files. Entries that cannot be read are counted and skipped.
 */
public final class BuildTables {

    /** Largest table file accepted. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final Pattern LINE = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern BULLETIN = Pattern.compile("(?i)ESXi(\\d{2,3})-(\\d{9})");

    /**
     * One table file that was read.
     *
     * @param dataDate the table's own timestamp, else its newest release date
     */
    public record TableSource(String path, String product, int builds, int skipped, LocalDate dataDate) {
    }

    private final Map<String, Map<Long, VmwareBuild>> byProduct;
    private final Map<String, VmwareBuild> byBulletin;
    private final List<TableSource> sources;
    private final List<String> problems;

    private BuildTables(Map<String, Map<Long, VmwareBuild>> byProduct, Map<String, VmwareBuild> byBulletin,
                        List<TableSource> sources, List<String> problems) {
        this.byProduct = byProduct;
        this.byBulletin = byBulletin;
        this.sources = List.copyOf(sources);
        this.problems = List.copyOf(problems);
    }

    public static BuildTables empty() {
        return new BuildTables(Map.of(), Map.of(), List.of(), List.of());
    }

    /**
     * Loads the tables in {@code files}.
     *
     * @throws ExposureDataException naming the file when one is unreadable, not JSON or of an unknown layout
     */
    public static BuildTables load(List<Path> files) {
        Map<String, Map<Long, VmwareBuild>> byProduct = new HashMap<>();
        Map<String, VmwareBuild> byBulletin = new HashMap<>();
        List<TableSource> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            List<VmwareBuild> builds = new ArrayList<>();
            TableSource source = read(file, builds, problems);
            sources.add(source);
            for (VmwareBuild b : builds) {
                byProduct.computeIfAbsent(b.product(), k -> new HashMap<>()).merge(b.build(), b,
                        (old, neu) -> old.bulletin() == null && neu.bulletin() != null ? neu : old);
                if (b.bulletin() != null) {
                    byBulletin.putIfAbsent(b.bulletin().toUpperCase(Locale.ROOT), b);
                }
            }
        }
        return new BuildTables(byProduct, byBulletin, sources, problems);
    }

    /** The build of {@code product} ({@code esxi} or {@code vcenter}), if a table lists it. */
    public Optional<VmwareBuild> find(String product, long build) {
        return Optional.ofNullable(byProduct.getOrDefault(product, Map.of()).get(build));
    }

    /** The ESXi build that a bulletin such as {@code ESXi650-202102101(-SG)} delivered, if a table lists it. */
    public Optional<VmwareBuild> findBulletin(String bulletin) {
        Matcher m = BULLETIN.matcher(bulletin);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byBulletin.get(("ESXI" + m.group(1) + "-" + m.group(2))));
    }

    public List<TableSource> sources() {
        return sources;
    }

    /** Entries skipped, each naming the file and entry. */
    public List<String> problems() {
        return problems;
    }

    /** The tables of {@code product}, for messages: "esxiReleases.json (2020-02-20)". */
    public String describe(String product) {
        List<String> names = new ArrayList<>();
        for (TableSource s : sources) {
            if (s.product().equals(product)) {
                names.add(s.path() + (s.dataDate() == null ? "" : " (" + s.dataDate() + ")"));
            }
        }
        return names.isEmpty() ? "no " + product + " build table was given" : String.join(", ", names);
    }

    /**
     * Loads tables already read into memory (the build tables stored by {@code virtguard exposure update}), each
     * named by its origin for messages.
     *
     * @throws ExposureDataException naming the origin when one is too large, not JSON or of an unknown layout
     */
    public static BuildTables fromBytes(Map<String, byte[]> tables) {
        Map<String, Map<Long, VmwareBuild>> byProduct = new HashMap<>();
        Map<String, VmwareBuild> byBulletin = new HashMap<>();
        List<TableSource> sources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> t : tables.entrySet()) {
            List<VmwareBuild> builds = new ArrayList<>();
            sources.add(parse(t.getValue(), t.getKey(), builds, problems));
            for (VmwareBuild b : builds) {
                byProduct.computeIfAbsent(b.product(), k -> new HashMap<>()).merge(b.build(), b,
                        (old, neu) -> old.bulletin() == null && neu.bulletin() != null ? neu : old);
                if (b.bulletin() != null) {
                    byBulletin.putIfAbsent(b.bulletin().toUpperCase(Locale.ROOT), b);
                }
            }
        }
        return new BuildTables(byProduct, byBulletin, sources, problems);
    }

    private static TableSource read(Path file, List<VmwareBuild> out, List<String> problems) {
        byte[] data;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ExposureDataException(file + ": larger than " + MAX_BYTES + " bytes");
            }
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExposureDataException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(data, file.toString(), out, problems);
    }

    private static TableSource parse(byte[] data, String origin, List<VmwareBuild> out, List<String> problems) {
        if (data.length > MAX_BYTES) {
            throw new ExposureDataException(origin + ": larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(data);
        } catch (JsonProcessingException e) {
            throw new ExposureDataException(origin + ": not a build table: invalid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExposureDataException(origin + ": cannot read: " + e.getMessage(), e);
        }
        if (root != null && root.path("data").path("esxiReleases").isArray()) {
            return virten(root, root.path("data").path("esxiReleases"), "esxi", origin, out, problems);
        }
        if (root != null && root.path("data").path("vcenterReleases").isArray()) {
            return virten(root, root.path("data").path("vcenterReleases"), "vcenter", origin, out, problems);
        }
        if (root != null && root.isArray()) {
            return kb(root, origin, out, problems);
        }
        throw new ExposureDataException(origin + ": not a build table: expected data.esxiReleases, data.vcenterReleases "
                + "(virten.net layout) or a list of {build_number, major_version, …} (KB layout)");
    }

    private static TableSource virten(JsonNode root, JsonNode list, String product, String origin,
                                      List<VmwareBuild> out, List<String> problems) {
        int skipped = 0;
        LocalDate newest = null;
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = origin + ": data." + product + "Releases[" + i + "]";
            try {
                long build = build(e.path("build"), at + ".build");
                String name = product.equals("esxi") ? text(e, "releaseLevel", text(e, "updateRelease", null))
                        : text(e, "fullName", null);
                require(name != null, at + (product.equals("esxi") ? ".releaseLevel" : ".fullName") + " is missing");
                String lineSource = product.equals("esxi") ? text(e, "minorRelease", name) : name;
                String line = line(lineSource, at);
                UpdateLevel update = UpdateLevel.fromName(product.equals("esxi") ? text(e, "updateRelease", name)
                        : name.substring(name.indexOf(line))).orElse(UpdateLevel.GA);
                String patch = text(e, "patchRelease", null);
                String bulletin = patch != null && BULLETIN.matcher(patch).find() ? canonical(patch) : null;
                LocalDate date = date(e, "releaseDate", at);
                newest = date != null && (newest == null || date.isAfter(newest)) ? date : newest;
                String friendly = text(e, "friendlyName", null);
                out.add(new VmwareBuild(product, line, build, friendly != null ? friendly : name, update, bulletin, date,
                        origin));
            } catch (ExposureDataException ex) {
                skipped++;
                problems.add(ex.getMessage());
            }
        }
        LocalDate stamp = root.path("timestamp").canConvertToLong()
                ? LocalDate.ofInstant(Instant.ofEpochSecond(root.path("timestamp").asLong()), ZoneOffset.UTC) : newest;
        return new TableSource(origin, product, list.size() - skipped, skipped, stamp);
    }

    private static TableSource kb(JsonNode list, String origin, List<VmwareBuild> out, List<String> problems) {
        int skipped = 0;
        LocalDate newest = null;
        String product = "esxi";
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String at = origin + ": [" + i + "]";
            try {
                require(e.isObject(), at + ": expected an object");
                long build = build(e.path("build_number"), at + ".build_number");
                String os = text(e, "osname", "ESXi");
                String entryProduct = os.toLowerCase(Locale.ROOT).contains("vcenter") ? "vcenter" : "esxi";
                product = entryProduct;
                String line = line(text(e, "major_version", null), at + ".major_version");
                String minor = text(e, "true_minor_version", "");
                String interpolated = text(e, "interpolated_update_version", null);
                UpdateLevel update = UpdateLevel.fromName(minor.matches("(?i)u\\d+[a-z]?") ? minor
                        : interpolated != null && interpolated.matches("(?i)u\\d+[a-z]?") ? interpolated : "GA")
                        .orElse(UpdateLevel.GA);
                LocalDate date = date(e, "release_date", at);
                newest = date != null && (newest == null || date.isAfter(newest)) ? date : newest;
                out.add(new VmwareBuild(entryProduct, line, build, os + " " + text(e, "full_version", line), update,
                        null, date, origin));
            } catch (ExposureDataException ex) {
                skipped++;
                problems.add(ex.getMessage());
            }
        }
        return new TableSource(origin, product, list.size() - skipped, skipped, newest);
    }

    static String canonical(String bulletin) {
        Matcher m = BULLETIN.matcher(bulletin);
        return m.find() ? "ESXi" + m.group(1) + "-" + m.group(2) : bulletin;
    }

    private static long build(JsonNode v, String at) {
        String t = v.asText("").trim();
        require(t.matches("\\d{1,12}"), at + " is not a build number");
        return Long.parseLong(t);
    }

    private static String line(String text, String at) {
        Matcher m = text == null ? null : LINE.matcher(text);
        require(m != null && m.find(), at + ": no release line (such as 6.5) in '" + shorten(text) + "'");
        return m.group(1) + "." + m.group(2);
    }

    private static LocalDate date(JsonNode e, String field, String at) {
        String t = text(e, field, null);
        if (t == null || t.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(t.trim());
        } catch (DateTimeParseException ex) {
            throw new ExposureDataException(at + "." + field + ": '" + shorten(t) + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String text(JsonNode e, String field, String fallback) {
        JsonNode v = e.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : fallback;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ExposureDataException(message);
        }
    }

    private static String shorten(String s) {
        return s == null ? "" : (s.length() > 60 ? s.substring(0, 60) : s).replaceAll("\\p{Cntrl}", "?");
    }
}

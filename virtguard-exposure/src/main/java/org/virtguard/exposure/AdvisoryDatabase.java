package org.virtguard.exposure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.virtguard.model.Severity;

/**
 * The advisories VirtGuard matches hosts against: the bundled {@code advisories.yaml}, plus any files the
 * operator adds. Every entry must name its sources; an entry without them, without CVEs or without affected
 * lines is rejected with the file and entry named.
 */
public final class AdvisoryDatabase {

    static final String BUNDLED = "advisories.yaml";
    static final Set<String> PRODUCTS = Set.of("esxi", "vcenter", "qemu", "libvirt");

    private final List<Advisory> advisories;

    private AdvisoryDatabase(List<Advisory> advisories) {
        this.advisories = List.copyOf(advisories);
    }

    public static AdvisoryDatabase bundled() {
        try (InputStream in = AdvisoryDatabase.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ExposureDataException("bundled " + BUNDLED + " is missing from the class path");
            }
            return new AdvisoryDatabase(read(in.readAllBytes(), BUNDLED));
        } catch (IOException e) {
            throw new ExposureDataException(BUNDLED + ": " + e.getMessage(), e);
        }
    }

    /** The bundled advisories plus those in {@code files}. */
    public static AdvisoryDatabase withFiles(List<Path> files) {
        List<Advisory> all = new ArrayList<>(bundled().advisories);
        for (Path file : files) {
            try {
                if (Files.size(file) > 8L * 1024 * 1024) {
                    throw new ExposureDataException(file + ": larger than 8 MiB");
                }
                all.addAll(read(Files.readAllBytes(file), file.toString()));
            } catch (IOException e) {
                throw new ExposureDataException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return new AdvisoryDatabase(all);
    }

    /** The advisories, in file order. */
    public List<Advisory> advisories() {
        return advisories;
    }

    record AdvisoryFile(List<AdvisoryEntry> advisories) {
    }

    record AdvisoryEntry(String id, String title, String product, List<String> cves, String severity,
                         Boolean vmEscape, List<String> sources, String note, List<AffectedLine> affected) {
    }

    static List<Advisory> read(byte[] yaml, String origin) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        AdvisoryFile file;
        try {
            file = mapper.readValue(yaml, AdvisoryFile.class);
        } catch (JsonMappingException e) {
            throw new ExposureDataException(origin + ": " + e.getOriginalMessage() + " at " + path(e), e);
        } catch (IOException e) {
            throw new ExposureDataException(origin + ": " + e.getMessage(), e);
        }
        if (file == null || file.advisories() == null) {
            throw new ExposureDataException(origin + ": top-level list 'advisories' is missing");
        }
        List<Advisory> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.advisories().size(); i++) {
            result.add(validate(file.advisories().get(i), origin + ": advisories[" + i + "]", ids));
        }
        return result;
    }

    private static Advisory validate(AdvisoryEntry e, String where, Set<String> ids) {
        require(e != null && e.id() != null && !e.id().isBlank(), where + ".id is required");
        String at = where + " (" + e.id() + ")";
        require(ids.add(e.id()), at + ": id is used twice");
        require(e.product() != null && PRODUCTS.contains(e.product()), at + ".product must be one of " + PRODUCTS);
        require(e.cves() != null && !e.cves().isEmpty(), at + ".cves must list at least one CVE");
        for (String cve : e.cves()) {
            require(cve.matches("CVE-\\d{4}-\\d{4,}"), at + ".cves: '" + cve + "' is not a CVE id");
        }
        require(e.sources() != null && !e.sources().isEmpty(), at + ".sources must cite where the data comes from");
        require(e.affected() != null && !e.affected().isEmpty(), at + ".affected must list at least one line");
        for (int j = 0; j < e.affected().size(); j++) {
            AffectedLine line = e.affected().get(j);
            String lw = at + ".affected[" + j + "]";
            require(line.line() != null, lw + ".line is required (use \"\" for every version)");
            require(line.fixedBuild() == null || line.affectedUpTo() == null,
                    lw + ": give fixedBuild or affectedUpTo, not both");
            require(line.fixedRelease() != null, lw + ".fixedRelease is required (what to install, or 'no fix')");
            if (!line.line().isEmpty()) {
                VersionNumber.parse(line.line());
            }
        }
        Severity severity;
        try {
            severity = Severity.parse(e.severity());
        } catch (IllegalArgumentException ex) {
            throw new ExposureDataException(at + ".severity: " + ex.getMessage());
        }
        return new Advisory(e.id(), e.title(), e.product(), List.copyOf(e.cves()), severity,
                Boolean.TRUE.equals(e.vmEscape()), List.copyOf(e.sources()), e.note(), List.copyOf(e.affected()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ExposureDataException(message);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return p.toString();
    }
}

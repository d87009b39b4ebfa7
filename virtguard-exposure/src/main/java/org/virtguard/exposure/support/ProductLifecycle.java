package org.virtguard.exposure.support;

import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.virtguard.exposure.ExposureDataException;
import org.virtguard.exposure.VersionNumber;

/**
 * End-of-support dates of hypervisors, vCenter and host distributions: the bundled {@code product-lifecycle.yaml}
 * written by the project with a cited source per row, optionally overridden row by row (same product and line) by
 * an operator's file of the same format. Every row must name its source and retrieval date.
 */
public final class ProductLifecycle {

    static final String BUNDLED = "/org/virtguard/exposure/product-lifecycle.yaml";
    /** Products this file may describe. */
    public static final Set<String> PRODUCTS = Set.of("esxi", "vcenter", "proxmox-ve", "debian", "ubuntu", "rhel",
            "rocky", "almalinux", "centos");
    static final int MAX_BYTES = 1024 * 1024;

    record LifecycleFile(List<SupportRelease> releases) {
    }

    private final List<SupportRelease> releases;
    private final String origin;

    private ProductLifecycle(List<SupportRelease> releases, String origin) {
        this.releases = List.copyOf(releases);
        this.origin = origin;
    }

    /** The bundled data. */
    public static ProductLifecycle bundled() {
        try (InputStream in = ProductLifecycle.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ExposureDataException("bundled product-lifecycle.yaml is missing from the class path");
            }
            return new ProductLifecycle(read(in.readAllBytes(), "product-lifecycle.yaml"), "bundled");
        } catch (IOException e) {
            throw new ExposureDataException("product-lifecycle.yaml: " + e.getMessage(), e);
        }
    }

    /** This data with {@code overrides} replacing rows of the same product and line, and adding the others. */
    public ProductLifecycle with(List<SupportRelease> overrides, String overrideOrigin) {
        Map<String, SupportRelease> merged = new LinkedHashMap<>();
        releases.forEach(r -> merged.put(r.product() + "|" + r.line(), r));
        overrides.forEach(r -> merged.put(r.product() + "|" + r.line(), r));
        return new ProductLifecycle(new ArrayList<>(merged.values()), origin + " + " + overrideOrigin);
    }

    /** Where the rows come from: {@code bundled}, or bundled plus an override file. */
    public String origin() {
        return origin;
    }

    public List<SupportRelease> releases() {
        return releases;
    }

    /** The most specific row for {@code product} whose line contains {@code version}. */
    public Optional<SupportRelease> find(String product, String version) {
        VersionNumber v;
        try {
            v = VersionNumber.parse(version);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return releases.stream().filter(r -> r.product().equals(product))
                .filter(r -> v.inLine(VersionNumber.parse(r.line())))
                .max(Comparator.comparingInt(r -> VersionNumber.parse(r.line()).parts().size()));
    }

    /**
     * Reads and validates a lifecycle file.
     *
     * @throws ExposureDataException naming the file and row
     */
    public static List<SupportRelease> read(byte[] yaml, String origin) {
        if (yaml.length > MAX_BYTES) {
            throw new ExposureDataException(origin + ": larger than " + MAX_BYTES + " bytes");
        }
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        LifecycleFile file;
        try {
            file = mapper.readValue(yaml, LifecycleFile.class);
        } catch (JsonMappingException e) {
            throw new ExposureDataException(origin + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExposureDataException(origin + ": not a lifecycle file: " + e.getMessage(), e);
        }
        if (file == null || file.releases() == null) {
            throw new ExposureDataException(origin + ": top-level list 'releases' is missing");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.releases().size(); i++) {
            validate(file.releases().get(i), origin + ": releases[" + i + "]", seen);
        }
        return file.releases();
    }

    private static void validate(SupportRelease r, String where, Set<String> seen) {
        require(r != null && r.product() != null && PRODUCTS.contains(r.product()),
                where + ".product must be one of " + PRODUCTS);
        require(r.line() != null && r.line().matches("\\d{1,4}(\\.\\d{1,4}){0,3}"),
                where + ".line must be a version prefix such as 6.5 or 12");
        require(seen.add(r.product() + "|" + r.line()), where + ": " + r.product() + " " + r.line() + " is listed twice");
        require(r.name() != null && !r.name().isBlank(), where + ".name is required");
        require(r.source() != null && r.source().startsWith("https://"), where + ".source must cite an https:// page");
        require(r.retrieved() != null && r.retrieved().matches("\\d{4}-\\d{2}-\\d{2}"),
                where + ".retrieved must be a date (YYYY-MM-DD)");
        require(r.afterGeneralSupport() != null, where + ".afterGeneralSupport is required (\"none\" when nothing)");
        for (String[] field : new String[][]{{"endOfGeneralSupport", r.endOfGeneralSupport()},
                {"endOfSupport", r.endOfSupport()}}) {
            require(field[1] != null && field[1].matches("\\d{4}-\\d{2}(-\\d{2})?"),
                    where + "." + field[0] + " must be YYYY-MM-DD or YYYY-MM as the vendor publishes it");
            try {
                SupportRelease.lastDay(field[1]);
            } catch (DateTimeParseException e) {
                throw new ExposureDataException(where + "." + field[0] + " '" + field[1] + "' is not a date");
            }
        }
        require(!r.supportLastDay().isBefore(r.generalSupportLastDay()),
                where + ": endOfSupport is before endOfGeneralSupport");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ExposureDataException(message);
        }
    }
}

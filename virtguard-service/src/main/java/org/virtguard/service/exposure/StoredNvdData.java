package org.virtguard.service.exposure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.exposure.ExposureDataException;
import org.virtguard.exposure.nvd.NvdDataSet;
import org.virtguard.exposure.nvd.NvdReader;
import org.virtguard.exposure.vmware.BuildTables;
import org.virtguard.store.Store;
import org.virtguard.store.StoreException;
import org.virtguard.store.vulndata.StoredDataSet;

/**
 * The NVD records and ESXi/vCenter build tables for the per-CVE findings: those loaded into the store with
 * {@code virtguard exposure update} together with the files named in the configuration. A stored data set that
 * cannot be read back is logged and left out; a configured file that cannot be read stops the caller, naming it.
 *
 * @param nvd    every NVD record, the newest of each CVE
 * @param builds every build table
 */
public record StoredNvdData(NvdDataSet nvd, BuildTables builds) {

    /** True when there is neither an NVD record nor a build table, so the per-CVE findings have nothing to say. */
    public boolean isEmpty() {
        return nvd.records().isEmpty() && nvd.files().isEmpty() && builds.sources().isEmpty();
    }

    /**
     * Reads the stored data sets of kinds {@code nvd} and {@code builds}, then {@code nvdPaths} and
     * {@code buildTables}; problems (skipped records, stored sets that cannot be read back) go to {@code log}.
     */
    public static StoredNvdData load(Store store, List<Path> nvdPaths, List<Path> buildTables, Consumer<String> log) {
        List<NvdDataSet> nvd = new ArrayList<>();
        Map<String, byte[]> tables = new LinkedHashMap<>();
        NvdReader reader = new NvdReader();
        if (store != null) {
            for (StoredDataSet set : store.vulnerabilityData().list()) {
                if (!set.kind().equals("nvd") && !set.kind().equals("builds")) {
                    continue;
                }
                String origin = set.fileName() + " (loaded " + set.loadedAt() + ")";
                try {
                    byte[] payload = store.vulnerabilityData().payload(set.id(), StoredVulnerabilityData.MAX_PAYLOAD);
                    if (set.kind().equals("nvd")) {
                        nvd.add(reader.read(new ByteArrayInputStream(payload), origin));
                    } else {
                        tables.put(origin, payload);
                    }
                } catch (ExposureDataException | StoreException e) {
                    log.accept("vulnerability data set " + set.key() + " from " + set.fileName()
                            + " cannot be read back and is not used: " + e.getMessage());
                }
            }
        }
        if (!nvdPaths.isEmpty()) {
            nvd.add(reader.readAll(nvdPaths));
        }
        for (Path table : buildTables) {
            tables.put(table.toString(), read(table));
        }
        NvdDataSet merged = NvdDataSet.merge(nvd);
        BuildTables builds = BuildTables.fromBytes(tables);
        merged.problems().forEach(p -> log.accept("exposure data: " + p));
        builds.problems().forEach(p -> log.accept("exposure data: " + p));
        return new StoredNvdData(merged, builds);
    }

    private static byte[] read(Path table) {
        try {
            if (Files.size(table) > BuildTables.MAX_BYTES) {
                throw new ExposureDataException(table + ": larger than " + BuildTables.MAX_BYTES + " bytes");
            }
            return Files.readAllBytes(table);
        } catch (IOException e) {
            throw new ExposureDataException(table + ": cannot read: " + e.getMessage(), e);
        }
    }
}

package org.virtguard.exposure.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.exposure.ExposureDataException;

/**
 * ESXi/vCenter build tables a user supplies (the virten.net layout {@code esxiReleases.json} /
 * {@code vcenterReleases.json}, or a {@code *build*.json|csv} table), checked for structure only: valid JSON whose
 * largest array holds objects, or a CSV with a header and rows. Each file is its own data set
 * ({@code builds:<file>}).
 *
 * <p>Seam: the build-table reader ({@code org.virtguard.exposure.vmware}, developed separately) registers its own
 * kind named {@code builds} with {@link DataKinds#with(DataKind)}.
 */
public final class BuildTableDataKind implements DataKind {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "builds";
    }

    @Override
    public boolean detects(DataFile file, byte[] head) {
        String n = file.plainName();
        return n.endsWith("releases.json") || (n.contains("build") && (n.endsWith(".json") || n.endsWith(".csv")));
    }

    @Override
    public ParsedDataSet parse(DataFile file) {
        byte[] data = file.readAll(MAX_BYTES);
        int records;
        if (file.plainName().endsWith(".csv")) {
            String[] lines = new String(data, StandardCharsets.UTF_8).split("\r?\n");
            long rows = java.util.Arrays.stream(lines).filter(l -> !l.isBlank()).count();
            if (rows < 2 || !lines[0].contains(",")) {
                throw new ExposureDataException(file.name() + ": a build table CSV needs a header and rows");
            }
            records = (int) rows - 1;
        } else {
            JsonNode root;
            try {
                root = JSON.readTree(data);
            } catch (JsonProcessingException e) {
                throw new ExposureDataException(file.name() + ": not valid JSON at line "
                        + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
            } catch (IOException e) {
                throw new ExposureDataException(file.name() + ": cannot read: " + e.getMessage(), e);
            }
            records = largestArrayOfObjects(root, 0);
            if (records == 0) {
                throw new ExposureDataException(file.name() + ": no list of build entries found");
            }
        }
        return new ParsedDataSet(name(), "builds:" + file.plainName(), null, records, Map.of(), data, null);
    }

    private static int largestArrayOfObjects(JsonNode node, int depth) {
        if (depth > 8 || node == null) {
            return 0;
        }
        int best = 0;
        if (node.isArray() && !node.isEmpty() && node.get(0).isObject()) {
            best = node.size();
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                best = Math.max(best, largestArrayOfObjects(child, depth + 1));
            }
        }
        return best;
    }
}

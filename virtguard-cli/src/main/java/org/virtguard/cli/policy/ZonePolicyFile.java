package org.virtguard.cli.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.virtguard.cli.CliException;
import org.virtguard.cli.ExitCodes;
import org.virtguard.model.ErrorCode;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

/**
 * Loads the zone policy file a command was given ({@code --zones}), the one file shared by checks, flows and logs.
 * A file in the retired flows policy format is refused with one line saying how to convert it.
 */
public final class ZonePolicyFile {

    private static final Set<String> OLD_FORMAT_KEYS = Set.of("segmentation", "zones");

    private ZonePolicyFile() {
    }

    /** The zone policy in {@code file}; a missing, unreadable or invalid file stops the command with exit 2. */
    public static ZonePolicy load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ErrorCode.NOT_FOUND, "zone policy " + file + " does not exist", ExitCodes.USAGE);
        }
        try {
            return ZonePolicyLoader.load(file);
        } catch (CheckLoadException e) {
            if (isOldFlowsFormat(file)) {
                throw new CliException(ErrorCode.INVALID_CONFIG, file.getFileName() + ": this is the old flows "
                        + "policy format; move its 'segmentation:' section into your zone policy (zones.yaml) and "
                        + "pass that file with --zones", ExitCodes.USAGE);
            }
            throw PolicyInputs.invalid(e);
        }
    }

    /**
     * Whether {@code file} is a flows policy of the old format: only {@code segmentation:} and a flows-style
     * {@code zones:} list (zones with {@code cidrs}/{@code networks} directly, no {@code match}).
     */
    static boolean isOldFlowsFormat(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > ZonePolicyLoader.MAX_BYTES) {
                return false;
            }
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (root == null || !root.isObject()) {
            return false;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            if (!OLD_FORMAT_KEYS.contains(it.next())) {
                return false;
            }
        }
        boolean flowsStyleZone = false;
        for (JsonNode zone : root.path("zones")) {
            if (!zone.isObject() || zone.has("match")) {
                return false;
            }
            flowsStyleZone |= zone.has("cidrs") || zone.has("networks");
        }
        return root.has("segmentation") || flowsStyleZone;
    }
}

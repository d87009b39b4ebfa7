package org.virtguard.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.virtguard.flows.evaluate.SegmentationPolicy;
import org.virtguard.model.zones.SegmentationMatrix;
import org.virtguard.model.zones.SegmentationMatrix.PortRange;

/**
 * Test fixtures: a {@code segmentation:} section as written in a zone policy, read leniently into the model's
 * matrix (the real, strict reader is the policy module's; flows may not depend on it).
 */
public final class Matrices {

    private Matrices() {
    }

    /** The policy of the {@code segmentation:} section in {@code yaml}. */
    public static SegmentationPolicy policy(String yaml) {
        return SegmentationPolicy.from(matrix(yaml));
    }

    /** The matrix of the {@code segmentation:} section in {@code yaml}. */
    public static SegmentationMatrix matrix(String yaml) {
        JsonNode seg;
        try {
            seg = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("segmentation");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        List<SegmentationMatrix.Rule> rules = new ArrayList<>();
        for (JsonNode r : seg.path("rules")) {
            List<PortRange> ports = new ArrayList<>();
            for (JsonNode p : r.path("ports")) {
                String[] range = p.asText().split("-");
                ports.add(new PortRange(Integer.parseInt(range[0].trim()),
                        Integer.parseInt(range[range.length - 1].trim())));
            }
            rules.add(new SegmentationMatrix.Rule(r.path("name").asText(r.path("from").asText() + "->"
                    + r.path("to").asText()), r.path("from").asText(), r.path("to").asText(),
                    r.path("fromClassification").asText(null), r.path("toClassification").asText(null),
                    protocol(r.path("protocol").asText("any")), ports, !r.path("action").asText("allow").equals("deny")));
        }
        return new SegmentationMatrix(seg.path("betweenZones").asText("deny").equals("allow"),
                !seg.path("withinZone").asText("allow").equals("deny"), rules);
    }

    private static int protocol(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "any", "*" -> -1;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            default -> Integer.parseInt(p);
        };
    }
}

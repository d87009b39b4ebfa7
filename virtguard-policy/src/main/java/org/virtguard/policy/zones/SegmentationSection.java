package org.virtguard.policy.zones;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.virtguard.model.zones.SegmentationMatrix;
import org.virtguard.model.zones.SegmentationMatrix.PortRange;
import org.virtguard.model.zones.SegmentationMatrix.Rule;
import org.virtguard.policy.check.CheckLoadException;

/**
 * Reads the {@code segmentation:} section of a zone policy:
 * <pre>
 * segmentation:
 *   betweenZones: deny        # deny | allow, when no rule matches
 *   withinZone: allow         # allow | deny, when no rule matches
 *   rules:                    # first match decides
 *     - {name: web-to-app, from: web, to: app, protocol: tcp, ports: [8080, "8443-8444"]}
 *     - {name: admin, from: mgmt, to: "*", protocol: tcp, ports: [22, 5900-5910]}
 *     - {name: no-pci-egress, from: "*", to: "*", fromClassification: pci, toClassification: public, action: deny}
 * </pre>
 * Zone names must be zones of the policy (or {@code *}). Every error names the file, line and column.
 */
final class SegmentationSection {

    private static final Set<String> KEYS = Set.of("betweenZones", "withinZone", "rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "from", "to", "fromClassification",
            "toClassification", "protocol", "ports", "action");
    private static final int MAX_PORT_ENTRIES = 1_000;

    private final String origin;
    private final YamlLocations locations;
    private final Set<String> zones;

    SegmentationSection(String origin, YamlLocations locations, Set<String> zones) {
        this.origin = origin;
        this.locations = locations;
        this.zones = zones;
    }

    /** The matrix in {@code section} (the value of {@code segmentation}), or the default when it is absent. */
    SegmentationMatrix read(JsonNode section) throws CheckLoadException {
        String here = "/segmentation";
        if (section == null || section.isNull()) {
            return SegmentationMatrix.denyBetweenZones();
        }
        if (!section.isObject()) {
            throw error(here, "'segmentation' must be a mapping with betweenZones, withinZone and rules");
        }
        onlyKeys(section, KEYS, here, "'segmentation'");
        boolean between = action(section.get("betweenZones"), false, here + "/betweenZones", "betweenZones");
        boolean within = action(section.get("withinZone"), true, here + "/withinZone", "withinZone");
        List<Rule> rules = new ArrayList<>();
        JsonNode list = section.get("rules");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error(here + "/rules", "'segmentation.rules' must be a list");
            }
            if (list.size() > SegmentationMatrix.MAX_RULES) {
                throw error(here + "/rules", "'segmentation.rules' has more than " + SegmentationMatrix.MAX_RULES
                        + " rules");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), here + "/rules/" + i, i));
            }
        }
        return new SegmentationMatrix(between, within, rules);
    }

    private Rule rule(JsonNode n, String here, int index) throws CheckLoadException {
        String label = "segmentation rule #" + (index + 1);
        if (!n.isObject()) {
            throw error(here, label + " must be a mapping (name, from, to, protocol, ports, action)");
        }
        String name = n.has("name") ? text(n, "name", here, label, true) : null;
        if (name != null) {
            label = "segmentation rule '" + name + "'";
        }
        onlyKeys(n, RULE_KEYS, here, label);
        String from = zone(n, "from", here, label);
        String to = zone(n, "to", here, label);
        return new Rule(name != null ? name : from + "->" + to, from, to,
                text(n, "fromClassification", here, label, false), text(n, "toClassification", here, label, false),
                protocol(n.get("protocol"), here + "/protocol", label), ports(n.get("ports"), here + "/ports", label),
                action(n.get("action"), true, here + "/action", label + ": action"));
    }

    private String zone(JsonNode n, String key, String here, String label) throws CheckLoadException {
        String zone = text(n, key, here, label, true);
        if (!zone.equals(SegmentationMatrix.ANY) && !zones.contains(zone)) {
            throw error(here + "/" + key, label + ": '" + key + "' names unknown zone '" + zone + "' (defined: "
                    + String.join(", ", zones.stream().sorted().toList()) + ", or *)");
        }
        return zone;
    }

    private String text(JsonNode n, String key, String here, String label, boolean required)
            throws CheckLoadException {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw error(here, label + ": missing '" + key + "'");
            }
            return null;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw error(here + "/" + key, label + ": '" + key + "' must be a non-empty string");
        }
        return v.asText().trim();
    }

    private boolean action(JsonNode v, boolean dflt, String here, String what) throws CheckLoadException {
        if (v == null || v.isNull()) {
            return dflt;
        }
        return switch (v.isValueNode() ? v.asText().trim().toLowerCase(Locale.ROOT) : "") {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw error(here, what + ": '" + v.asText() + "' is not allow or deny");
        };
    }

    private int protocol(JsonNode v, String here, String label) throws CheckLoadException {
        if (v == null || v.isNull()) {
            return SegmentationMatrix.ANY_PROTOCOL;
        }
        String t = v.isValueNode() ? v.asText().trim().toLowerCase(Locale.ROOT) : "";
        return switch (t) {
            case "any", "*" -> SegmentationMatrix.ANY_PROTOCOL;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmpv6", "ipv6-icmp" -> 58;
            case "sctp" -> 132;
            default -> {
                int p = number(t, 255);
                if (p < 0) {
                    throw error(here, label + ": protocol '" + v.asText()
                            + "' is not tcp, udp, icmp, icmpv6, sctp, any or a protocol number 0-255");
                }
                yield p;
            }
        };
    }

    private List<PortRange> ports(JsonNode v, String here, String label) throws CheckLoadException {
        if (v == null || v.isNull() || (v.isValueNode() && v.asText().trim().equals("*"))) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(here, label + ": 'ports' must be a list of ports or 'low-high' ranges, or *");
        }
        if (v.size() > MAX_PORT_ENTRIES) {
            throw error(here, label + ": more than " + MAX_PORT_ENTRIES + " ports");
        }
        List<PortRange> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String t = v.get(i).isValueNode() ? v.get(i).asText().trim() : "?";
            if (t.equals("*")) {
                return List.of();
            }
            int dash = t.indexOf('-');
            int lo = number(dash < 0 ? t : t.substring(0, dash).trim(), 65_535);
            int hi = dash < 0 ? lo : number(t.substring(dash + 1).trim(), 65_535);
            if (lo < 0 || hi < 0 || lo > hi) {
                throw error(here + "/" + i, label + ": port '" + t + "' is not a port 0-65535, a range low-high or *");
            }
            out.add(new PortRange(lo, hi));
        }
        return out;
    }

    /** {@code t} as a number 0..max, or -1. */
    private static int number(String t, int max) {
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int v = Integer.parseInt(t);
        return v <= max ? v : -1;
    }

    private void onlyKeys(JsonNode n, Set<String> allowed, String here, String what) throws CheckLoadException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(here + "/" + key.replace("~", "~0").replace("/", "~1"), "unknown key '" + key
                        + "' in " + what + " (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private CheckLoadException error(String pointer, String problem) {
        int[] at = locations.at(pointer);
        return new CheckLoadException(origin, at[0], at[1], problem);
    }
}

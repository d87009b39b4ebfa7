package org.virtguard.flows.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The segmentation policy: a zone-to-zone matrix of allowed protocols and ports plus rules on VM classification.
 * Rules are tried in order and the first match decides; without a match, traffic between two zones is denied and
 * traffic inside one zone is allowed (both configurable). Read from YAML:
 *
 * <pre>
 * segmentation:
 *   betweenZones: deny        # deny | allow
 *   withinZone: allow         # allow | deny
 *   rules:
 *     - {name: web-to-app, from: web, to: app, protocol: tcp, ports: [8080, "8443-8444"]}
 *     - {name: no-pci-egress, from: "*", to: "*", fromClassification: pci, toClassification: public, action: deny}
 * </pre>
 */
public final class SegmentationPolicy {

    /** What the policy says about a flow. */
    public enum Decision { ALLOWED_BY_RULE, DENIED_BY_RULE, ALLOWED_BY_DEFAULT, DENIED_BY_DEFAULT }

    private static final long MAX_BYTES = 1 << 20;
    private static final int MAX_RULES = 10_000;
    private static final Set<String> TOP_KEYS = Set.of("betweenZones", "withinZone", "rules");
    private static final Set<String> ROOT_KEYS = Set.of("segmentation", "zones");
    private static final Set<String> ZONE_KEYS = Set.of("name", "trust", "management", "cidrs", "networks");
    private static final Set<String> RULE_KEYS = Set.of("name", "from", "to", "fromClassification",
            "toClassification", "protocol", "ports", "action");

    private final boolean allowBetweenZones;
    private final boolean allowWithinZone;
    private final SegmentationRule[] rules;
    private SegmentationRule lastRule;

    /** A policy from its parts. */
    public SegmentationPolicy(boolean allowBetweenZones, boolean allowWithinZone, List<SegmentationRule> rules) {
        this.allowBetweenZones = allowBetweenZones;
        this.allowWithinZone = allowWithinZone;
        this.rules = rules.toArray(new SegmentationRule[0]);
    }

    /** The default-deny policy with no rules: nothing crosses zones. */
    public static SegmentationPolicy denyBetweenZones() {
        return new SegmentationPolicy(false, true, List.of());
    }

    /** The rules, in order. */
    public List<SegmentationRule> rules() {
        return List.of(rules);
    }

    /** Whether traffic between zones is allowed when no rule matches. */
    public boolean allowBetweenZones() {
        return allowBetweenZones;
    }

    /** Whether traffic within a zone is allowed when no rule matches. */
    public boolean allowWithinZone() {
        return allowWithinZone;
    }

    /**
     * Decides one direction of traffic. {@link #lastRule()} then names the rule that matched, if any. Does not
     * allocate.
     */
    public Decision decide(String fromZone, String toZone, String fromClass, String toClass, int protocol, int port) {
        for (SegmentationRule rule : rules) {
            if (rule.matches(fromZone, toZone, fromClass, toClass, protocol, port)) {
                lastRule = rule;
                return rule.allow() ? Decision.ALLOWED_BY_RULE : Decision.DENIED_BY_RULE;
            }
        }
        lastRule = null;
        boolean same = fromZone.equals(toZone);
        return (same ? allowWithinZone : allowBetweenZones) ? Decision.ALLOWED_BY_DEFAULT
                : Decision.DENIED_BY_DEFAULT;
    }

    /** The rule behind the last {@link #decide} call, or {@code null} when a default applied. */
    public SegmentationRule lastRule() {
        return lastRule;
    }

    /** Reads a policy file; errors name the file and the offending field. */
    public static SegmentationPolicy load(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        return parse(Files.readString(file), file.toString());
    }

    /** Parses policy YAML; {@code source} names it in errors ({@link IllegalArgumentException}). */
    public static SegmentationPolicy parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        JsonNode seg = root == null ? null : root.get("segmentation");
        if (seg == null || !seg.isObject()) {
            throw new IllegalArgumentException(source + ": missing top-level 'segmentation:' mapping");
        }
        checkKeys(root, ROOT_KEYS, source);
        checkKeys(seg, TOP_KEYS, source + ": segmentation");
        boolean between = action(seg.get("betweenZones"), false, source + ": segmentation.betweenZones");
        boolean within = action(seg.get("withinZone"), true, source + ": segmentation.withinZone");
        List<SegmentationRule> rules = new ArrayList<>();
        JsonNode list = seg.get("rules");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException(source + ": segmentation.rules must be a list");
            }
            if (list.size() > MAX_RULES) {
                throw new IllegalArgumentException(source + ": more than " + MAX_RULES + " rules");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), source + ": segmentation.rules[" + i + "]"));
            }
        }
        return new SegmentationPolicy(between, within, rules);
    }

    /**
     * Reads the optional {@code zones:} list of a policy file (name, trust, management, cidrs, networks), for a
     * stand-alone zone resolver when the policy engine's zones are not at hand.
     */
    public static org.virtguard.flows.enrich.CidrZoneResolver zones(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        List<org.virtguard.flows.enrich.CidrZoneResolver.ZoneDefinition> out =
                org.virtguard.flows.enrich.CidrZoneResolver.list();
        JsonNode list = root == null ? null : root.get("zones");
        if (list == null || list.isNull()) {
            return new org.virtguard.flows.enrich.CidrZoneResolver(out);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + ": zones must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode z = list.get(i);
            String where = source + ": zones[" + i + "]";
            if (!z.isObject()) {
                throw new IllegalArgumentException(where + " must be a mapping");
            }
            checkKeys(z, ZONE_KEYS, where);
            String name = text(z, "name", where, true).intern();
            List<org.virtguard.flows.enrich.Cidr> cidrs = new ArrayList<>();
            List<String> networks = new ArrayList<>();
            for (JsonNode c : z.path("cidrs")) {
                try {
                    cidrs.add(org.virtguard.flows.enrich.Cidr.parse(c.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ".cidrs: " + e.getMessage());
                }
            }
            z.path("networks").forEach(n -> networks.add(n.asText()));
            out.add(new org.virtguard.flows.enrich.CidrZoneResolver.ZoneDefinition(
                    new org.virtguard.model.TrustZone(name, z.path("trust").asInt(0), z.path("management").asBoolean()),
                    cidrs, networks));
        }
        return new org.virtguard.flows.enrich.CidrZoneResolver(out);
    }

    private static SegmentationRule rule(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be a mapping");
        }
        checkKeys(n, RULE_KEYS, where);
        String from = text(n, "from", where, true);
        String to = text(n, "to", where, true);
        String name = n.has("name") ? text(n, "name", where, true) : from + "->" + to;
        int protocol = protocol(n.get("protocol"), where + ".protocol");
        int[] ports = ports(n.get("ports"), where + ".ports");
        boolean allow = action(n.get("action"), true, where + ".action");
        return new SegmentationRule(name, from, to, text(n, "fromClassification", where, false),
                text(n, "toClassification", where, false), protocol, ports, allow);
    }

    private static void checkKeys(JsonNode n, Set<String> allowed, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown field '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": missing '" + field + "'");
            }
            return null;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " must be a non-empty string");
        }
        return v.asText().trim();
    }

    private static boolean action(JsonNode v, boolean dflt, String where) {
        if (v == null || v.isNull()) {
            return dflt;
        }
        return switch (v.asText().trim().toLowerCase(Locale.ROOT)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException(where + ": '" + v.asText() + "' is not allow or deny");
        };
    }

    private static int protocol(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return -1;
        }
        String t = v.asText().trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "any", "*" -> -1;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmpv6", "ipv6-icmp" -> 58;
            case "sctp" -> 132;
            default -> {
                try {
                    int p = Integer.parseInt(t);
                    if (p < 0 || p > 255) {
                        throw new NumberFormatException();
                    }
                    yield p;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": '" + v.asText()
                            + "' is not tcp, udp, icmp, icmpv6, sctp, any or a protocol number 0-255");
                }
            }
        };
    }

    private static int[] ports(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return new int[0];
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + " must be a list of ports or 'low-high' ranges");
        }
        int[] out = new int[v.size() * 2];
        for (int i = 0; i < v.size(); i++) {
            String t = v.get(i).asText().trim();
            int dash = t.indexOf('-');
            try {
                int lo = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(t.substring(dash + 1).trim());
                if (lo < 0 || hi > 65_535 || lo > hi) {
                    throw new NumberFormatException();
                }
                out[2 * i] = lo;
                out[2 * i + 1] = hi;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "[" + i + "]: '" + t
                        + "' is not a port 0-65535 or a range low-high");
            }
        }
        return out;
    }
}

package org.virtguard.policy.zones;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.virtguard.model.TrustZone;
import org.virtguard.model.net.Cidr;
import org.virtguard.model.zones.SegmentationMatrix;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.check.SourcePositions;

/**
 * Reads a zone policy file:
 * <pre>
 * zones:
 *   - name: dmz
 *     trust: 10                # 0 (untrusted) .. 100
 *     management: false
 *     match: {networks: ["dmz*"], vlans: [20], cidrs: ["192.0.2.0/24"], labels: {zone: dmz}}
 * classifications:
 *   - name: public-web
 *     match: {labels: {classification: public}, names: ["web*"]}
 *     allowedZones: [dmz]
 *     minHostTrust: 10
 *     allowedSites: [dc1]
 *     allowedDatastores: ["ds-dmz-*"]
 * hosts:
 *   - match: {names: ["host-a"]}
 *     trust: 50
 *     site: dc1
 *     mixedTrustAllowed: false
 * clusters:
 *   - match: {names: ["cl-dmz"]}
 *     trust: 10
 * antiAffinity:
 *   - name: web-tier
 *     members: [web01, web02]
 * segmentation:              # which traffic may cross zones; see SegmentationSection
 *   betweenZones: deny
 *   withinZone: allow
 *   rules:
 *     - {name: web-to-app, from: dmz, to: internal, protocol: tcp, ports: [8080, "5900-5910"]}
 * </pre>
 * Every error names the file, line and column.
 */
public final class ZonePolicyLoader {

    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_ENTRIES = 10_000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("zones", "classifications", "hosts", "clusters", "antiAffinity",
            "segmentation");
    private static final Set<String> SELECTOR = Set.of("names", "networks", "vlans", "cidrs", "labels");

    private final String origin;
    private final SourcePositions positions;

    private ZonePolicyLoader(String origin, String text) {
        this.origin = origin;
        this.positions = new SourcePositions(text);
    }

    /** Reads the zone policy in {@code file}; errors name the file, line and column. */
    public static ZonePolicy load(Path file) throws CheckLoadException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CheckLoadException(file.toString(), 1, 1, "zone policy larger than " + MAX_BYTES + " bytes");
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckLoadException(file.toString(), 1, 1, "cannot read zone policy: " + e.getMessage());
        }
    }

    /** Parses zone policy YAML; {@code origin} names it in errors. */
    public static ZonePolicy parse(String origin, String text) throws CheckLoadException {
        return new ZonePolicyLoader(origin, text).read(text);
    }

    private ZonePolicy read(String text) throws CheckLoadException {
        if (text.length() > MAX_BYTES) {
            throw new CheckLoadException(origin, 1, 1, "zone policy larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CheckLoadException(origin, at == null ? 1 : Math.max(1, at.getLineNr()),
                    at == null ? 1 : Math.max(1, at.getColumnNr()), "invalid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CheckLoadException(origin, 1, 1, "expected a mapping with 'zones' at the top level");
        }
        onlyKeys(root, TOP, "the zone policy");
        List<ZoneDefinition> zones = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode z : list(root, "zones")) {
            onlyKeys(z, Set.of("name", "trust", "management", "match", "description"), "a zone");
            String name = text(z, "name");
            if (!names.add(name)) {
                throw at(name, "zone '" + name + "' is defined twice");
            }
            int trust = trust(z, "trust", name);
            zones.add(new ZoneDefinition(new TrustZone(name, trust, z.path("management").asBoolean(false)),
                    selector(z.get("match"), "zone '" + name + "'"), z.path("description").asText(null)));
        }
        if (zones.isEmpty()) {
            throw new CheckLoadException(origin, 1, 1, "the zone policy defines no zones");
        }
        List<Classification> classes = new ArrayList<>();
        for (JsonNode c : list(root, "classifications")) {
            onlyKeys(c, Set.of("name", "match", "allowedZones", "minHostTrust", "allowedSites", "allowedDatastores"),
                    "a classification");
            String name = text(c, "name");
            List<String> allowed = strings(c.get("allowedZones"));
            for (String zone : allowed) {
                if (!names.contains(zone)) {
                    throw at(zone, "classification '" + name + "' allows unknown zone '" + zone + "' (defined: "
                            + String.join(", ", names.stream().sorted().toList()) + ")");
                }
            }
            Integer min = c.has("minHostTrust") ? trust(c, "minHostTrust", name) : null;
            classes.add(new Classification(name, selector(c.get("match"), "classification '" + name + "'"), allowed,
                    min, strings(c.get("allowedSites")), strings(c.get("allowedDatastores"))));
        }
        List<HostRule> hostRules = new ArrayList<>();
        for (String key : List.of("hosts", "clusters")) {
            for (JsonNode h : list(root, key)) {
                onlyKeys(h, Set.of("match", "trust", "site", "mixedTrustAllowed"), "a " + key + " entry");
                Integer trust = h.has("trust") ? trust(h, "trust", key) : null;
                hostRules.add(new HostRule(selector(h.get("match"), "a " + key + " entry"), key.equals("clusters"),
                        trust, h.path("site").asText(null), h.path("mixedTrustAllowed").asBoolean(false)));
            }
        }
        List<AntiAffinityGroup> groups = new ArrayList<>();
        for (JsonNode g : list(root, "antiAffinity")) {
            onlyKeys(g, Set.of("name", "members"), "an anti-affinity group");
            String name = text(g, "name");
            List<String> members = strings(g.get("members"));
            if (members.size() < 2) {
                throw at(name, "anti-affinity group '" + name + "' needs at least two members");
            }
            groups.add(new AntiAffinityGroup(name, members));
        }
        SegmentationMatrix segmentation = new SegmentationSection(origin, YamlLocations.of(text), names)
                .read(root.get("segmentation"));
        return new ZonePolicy(origin, zones, classes, hostRules, groups, segmentation);
    }

    private Selector selector(JsonNode m, String owner) throws CheckLoadException {
        if (m == null || !m.isObject() || m.isEmpty()) {
            throw new CheckLoadException(origin, positions.valueOf("match").line(), 1,
                    owner + " needs a 'match' with at least one of " + String.join(", ", SELECTOR));
        }
        onlyKeys(m, SELECTOR, "a 'match'");
        List<Integer> vlans = new ArrayList<>();
        for (JsonNode v : arrayOf(m.get("vlans"))) {
            if (!v.canConvertToInt() || v.asInt() < 0 || v.asInt() > 4095) {
                throw at(v.asText(), owner + ": VLAN '" + v.asText() + "' is not a number 0-4095");
            }
            vlans.add(v.asInt());
        }
        List<Cidr> cidrs = new ArrayList<>();
        for (String c : strings(m.get("cidrs"))) {
            try {
                cidrs.add(Cidr.parse(c));
            } catch (IllegalArgumentException e) {
                throw at(c, owner + ": " + e.getMessage());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = m.get("labels");
        if (l != null) {
            if (!l.isObject()) {
                throw at("labels", owner + ": 'labels' must map a label to a value");
            }
            l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return new Selector(strings(m.get("names")), strings(m.get("networks")), vlans, cidrs, labels);
    }

    private int trust(JsonNode n, String key, String owner) throws CheckLoadException {
        JsonNode t = n.get(key);
        if (t == null || !t.canConvertToInt() || t.asInt() < 0 || t.asInt() > 100) {
            throw at(key, "'" + owner + "': '" + key + "' must be a number from 0 (untrusted) to 100");
        }
        return t.asInt();
    }

    private String text(JsonNode n, String key) throws CheckLoadException {
        JsonNode v = n.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new CheckLoadException(origin, positions.valueOf(key).line(), 1, "missing '" + key + "'");
        }
        return v.asText();
    }

    private List<JsonNode> list(JsonNode root, String key) throws CheckLoadException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw at(key, "'" + key + "' must be a list");
        }
        if (n.size() > MAX_ENTRIES) {
            throw at(key, "'" + key + "' has more than " + MAX_ENTRIES + " entries");
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static List<JsonNode> arrayOf(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(out::add);
        } else if (n != null && !n.isNull()) {
            out.add(n);
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        return arrayOf(n).stream().map(JsonNode::asText).toList();
    }

    private void onlyKeys(JsonNode n, Set<String> allowed, String what) throws CheckLoadException {
        if (!n.isObject()) {
            throw new CheckLoadException(origin, 1, 1, what + " must be a mapping");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw at(key, "unknown key '" + key + "' in " + what + " (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private CheckLoadException at(String needle, String problem) {
        SourcePositions.Position p = positions.find(needle);
        return new CheckLoadException(origin, p.line(), p.column(), problem);
    }
}

package org.virtguard.policy.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.virtguard.model.Severity;

/**
 * Reads one check YAML file into a {@link CheckDefinition}, validating its metadata. The CEL rule is
 * compiled separately by {@link CheckCompiler}. Errors name the file, line and column.
 */
public final class CheckParser {

    /** Largest check file accepted. */
    public static final int MAX_BYTES = 256 * 1024;

    static final Set<String> HYPERVISORS = Set.of("vsphere", "libvirt");
    private static final Set<String> KNOWN_KEYS = Set.of("id", "title", "severity", "resource", "hypervisors",
            "description", "risk", "remediation", "references", "frameworks", "parameters", "applies", "rule",
            "class", "evidence", "requires");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CheckParser() {
    }

    /**
     * Parses a check.
     *
     * @param fileName the file name ({@code <id>.yaml}); the id must match it
     * @param origin   how to name the file in messages
     * @param text     the file's content
     */
    public static CheckDefinition parse(String fileName, String origin, String text) throws CheckLoadException {
        if (text.length() > MAX_BYTES) {
            throw new CheckLoadException(origin, 1, 1, "file larger than " + MAX_BYTES + " bytes");
        }
        JsonNode root = readYaml(origin, text);
        SourcePositions positions = new SourcePositions(text);
        Fields f = new Fields(origin, root, positions);
        root.fieldNames().forEachRemaining(name -> {
            if (!KNOWN_KEYS.contains(name)) {
                f.unknown.add(name);
            }
        });
        if (!f.unknown.isEmpty()) {
            throw f.error(f.unknown.get(0), "unknown key '" + f.unknown.get(0) + "' (known: "
                    + String.join(", ", KNOWN_KEYS.stream().sorted().toList()) + ")");
        }
        String id = f.requiredText("id");
        String expectedId = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - 5) : fileName;
        if (!id.equals(expectedId)) {
            throw f.error("id", "id '" + id + "' does not match the file name '" + fileName + "'");
        }
        Severity severity;
        try {
            severity = Severity.parse(f.requiredText("severity"));
        } catch (IllegalArgumentException e) {
            throw f.error("severity", e.getMessage());
        }
        ResourceType type;
        try {
            type = ResourceType.parse(f.requiredText("resource"));
        } catch (IllegalArgumentException e) {
            throw f.error("resource", e.getMessage());
        }
        Set<String> hypervisors = new LinkedHashSet<>();
        for (String h : f.textList("hypervisors", true)) {
            String v = h.toLowerCase(Locale.ROOT);
            if (!HYPERVISORS.contains(v)) {
                throw f.error("hypervisors", "unknown hypervisor '" + h + "' (vsphere, libvirt)");
            }
            hypervisors.add(v);
        }
        String rule = f.optionalText("rule");
        String javaClass = f.optionalText("class");
        if ((rule == null) == (javaClass == null)) {
            throw f.error(rule == null ? "id" : "class", "a check needs exactly one of 'rule' (CEL) or 'class'");
        }
        Map<String, List<String>> frameworks = new LinkedHashMap<>();
        JsonNode fw = root.path("frameworks");
        if (!fw.isMissingNode() && !fw.isObject()) {
            throw f.error("frameworks", "'frameworks' must map a framework name to a list of control ids");
        }
        fw.fields().forEachRemaining(e -> frameworks.put(e.getKey(), texts(e.getValue())));
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = root.path("parameters");
        if (!p.isMissingNode() && !p.isObject()) {
            throw f.error("parameters", "'parameters' must map a name to its default value");
        }
        p.fields().forEachRemaining(e -> params.put(e.getKey(), CelValues.fromJson(e.getValue())));
        Set<String> requires = new LinkedHashSet<>(f.textList("requires", false));
        for (String r : requires) {
            if (!r.equals("zone-policy")) {
                throw f.error("requires", "unknown requirement '" + r + "' (zone-policy)");
            }
        }
        return new CheckDefinition(id, f.requiredText("title"), severity, type, hypervisors,
                f.requiredText("description"), f.requiredText("risk"), f.textMap("remediation"),
                f.textList("references", false), frameworks, params, f.optionalText("applies"), rule, javaClass,
                f.textMap("evidence"), requires.contains("zone-policy"), origin);
    }

    static JsonNode readYaml(String origin, String text) throws CheckLoadException {
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || !root.isObject()) {
                throw new CheckLoadException(origin, 1, 1, "expected a YAML mapping at the top level");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CheckLoadException(origin, at == null ? 1 : Math.max(at.getLineNr(), 1),
                    at == null ? 1 : Math.max(at.getColumnNr(), 1), "invalid YAML: " + e.getOriginalMessage());
        }
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            out.add(node.asText());
        }
        return out;
    }

    /** Field access with positioned errors. */
    private static final class Fields {
        final String origin;
        final JsonNode root;
        final SourcePositions positions;
        final List<String> unknown = new ArrayList<>();

        Fields(String origin, JsonNode root, SourcePositions positions) {
            this.origin = origin;
            this.root = root;
            this.positions = positions;
        }

        CheckLoadException error(String key, String problem) {
            SourcePositions.Position p = positions.valueOf(key);
            return new CheckLoadException(origin, p.line(), p.column(), problem);
        }

        String requiredText(String key) throws CheckLoadException {
            String v = optionalText(key);
            if (v == null || v.isBlank()) {
                throw new CheckLoadException(origin, 1, 1, "missing required key '" + key + "'");
            }
            return v;
        }

        String optionalText(String key) throws CheckLoadException {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isValueNode()) {
                throw error(key, "'" + key + "' must be a single value");
            }
            return n.asText().strip();
        }

        List<String> textList(String key, boolean required) throws CheckLoadException {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) {
                if (required) {
                    throw new CheckLoadException(origin, 1, 1, "missing required key '" + key + "'");
                }
                return List.of();
            }
            if (!n.isArray()) {
                throw error(key, "'" + key + "' must be a list");
            }
            return texts(n);
        }

        Map<String, String> textMap(String key) throws CheckLoadException {
            JsonNode n = root.get(key);
            Map<String, String> out = new LinkedHashMap<>();
            if (n == null || n.isNull()) {
                return out;
            }
            if (!n.isObject()) {
                throw error(key, "'" + key + "' must be a mapping");
            }
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText().strip()));
            return out;
        }
    }
}

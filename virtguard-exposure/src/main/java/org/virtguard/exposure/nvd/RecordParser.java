package org.virtguard.exposure.nvd;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one record's JSON into a {@link CveRecord}: the NVD CVE API 2.0 shape ({@code id}, {@code metrics},
 * {@code configurations[].nodes[].cpeMatch[]}) and the older JSON 1.1 feed item ({@code cve.CVE_data_meta},
 * {@code impact}, {@code configurations.nodes[].cpe_match[]}).
 */
final class RecordParser {

    static final int MAX_REFERENCES = 500;

    private RecordParser() {
    }

    static CveRecord parse(JsonNode node, String source) throws RecordSchemaException {
        if (!node.isObject()) {
            throw new RecordSchemaException("record: expected an object");
        }
        if (node.has("id")) {
            return api20(node, source);
        }
        if (node.path("cve").has("CVE_data_meta")) {
            return feed11(node, source);
        }
        throw new RecordSchemaException("record: neither an NVD API 2.0 record (field 'id') nor a JSON 1.1 feed "
                + "item (field 'cve.CVE_data_meta')");
    }

    private static CveRecord api20(JsonNode n, String source) throws RecordSchemaException {
        String id = cveId(n.get("id"), "id");
        String description = "";
        for (JsonNode d : array(n, "descriptions")) {
            if ("en".equals(d.path("lang").asText())) {
                description = d.path("value").asText("");
                break;
            }
        }
        Set<String> cwes = new LinkedHashSet<>();
        for (JsonNode w : array(n, "weaknesses")) {
            for (JsonNode d : array(w, "description")) {
                String v = d.path("value").asText("");
                if (v.startsWith("CWE-")) {
                    cwes.add(v);
                }
            }
        }
        List<String> refs = new ArrayList<>();
        for (JsonNode r : array(n, "references")) {
            if (refs.size() < MAX_REFERENCES && r.path("url").isTextual()) {
                refs.add(r.path("url").asText());
            }
        }
        List<Configuration> configurations = new ArrayList<>();
        JsonNode configs = array(n, "configurations");
        for (int i = 0; i < configs.size(); i++) {
            configurations.add(configuration20(configs.get(i), "configurations[" + i + "]"));
        }
        return new CveRecord(id, date(n.get("published"), "published"), date(n.get("lastModified"), "lastModified"),
                text(n.get("vulnStatus")), description, cvss20(n.path("metrics")), List.copyOf(cwes), refs,
                configurations, date(n.get("cisaExploitAdd"), "cisaExploitAdd"), text(n.get("cisaVulnerabilityName")),
                source);
    }

    private static Configuration configuration20(JsonNode c, String at) throws RecordSchemaException {
        JsonNode nodes = array(c, "nodes", at);
        List<ConfigNode> out = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            String nat = at + ".nodes[" + j + "]";
            JsonNode node = nodes.get(j);
            JsonNode entries = array(node, "cpeMatch", nat);
            List<CpeMatch> matches = new ArrayList<>();
            for (int k = 0; k < entries.size(); k++) {
                matches.add(match(entries.get(k), "criteria", nat + ".cpeMatch[" + k + "]"));
            }
            out.add(new ConfigNode(operator(node.get("operator"), nat), node.path("negate").asBoolean(false), matches));
        }
        return new Configuration(operator(c.get("operator"), at), c.path("negate").asBoolean(false), out);
    }

    private static CpeMatch match(JsonNode m, String criteriaField, String at) throws RecordSchemaException {
        if (!m.isObject()) {
            throw new RecordSchemaException(at + ": expected an object");
        }
        JsonNode criteria = m.get(criteriaField);
        if (criteria == null || !criteria.isTextual()) {
            throw new RecordSchemaException(at + "." + criteriaField + " is missing");
        }
        Cpe cpe;
        try {
            cpe = Cpe.parse(criteria.asText());
        } catch (IllegalArgumentException e) {
            throw new RecordSchemaException(at + "." + criteriaField + ": " + e.getMessage());
        }
        JsonNode vulnerable = m.get("vulnerable");
        if (vulnerable == null || !vulnerable.isBoolean()) {
            throw new RecordSchemaException(at + ".vulnerable must be true or false");
        }
        return new CpeMatch(cpe, vulnerable.asBoolean(), version(m, "versionStartIncluding", at),
                version(m, "versionStartExcluding", at), version(m, "versionEndIncluding", at),
                version(m, "versionEndExcluding", at));
    }

    private static CvssScore cvss20(JsonNode metrics) throws RecordSchemaException {
        for (String key : List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2")) {
            JsonNode list = metrics.path(key);
            if (!list.isArray() || list.isEmpty()) {
                continue;
            }
            JsonNode chosen = list.get(0);
            for (JsonNode m : list) {
                if ("Primary".equals(m.path("type").asText())) {
                    chosen = m;
                    break;
                }
            }
            JsonNode data = chosen.path("cvssData");
            String severity = data.path("baseSeverity").asText(chosen.path("baseSeverity").asText(null));
            return score(data.path("version").asText(key.substring(key.length() - 2)), data.path("baseScore"),
                    severity, data.path("vectorString").asText(null), chosen.path("source").asText(null),
                    "metrics." + key);
        }
        return null;
    }

    private static CveRecord feed11(JsonNode n, String source) throws RecordSchemaException {
        JsonNode cve = n.path("cve");
        String id = cveId(cve.path("CVE_data_meta").get("ID"), "cve.CVE_data_meta.ID");
        String description = "";
        for (JsonNode d : cve.path("description").path("description_data")) {
            if ("en".equals(d.path("lang").asText())) {
                description = d.path("value").asText("");
                break;
            }
        }
        Set<String> cwes = new LinkedHashSet<>();
        for (JsonNode p : cve.path("problemtype").path("problemtype_data")) {
            for (JsonNode d : p.path("description")) {
                if (d.path("value").asText("").startsWith("CWE-")) {
                    cwes.add(d.path("value").asText());
                }
            }
        }
        List<String> refs = new ArrayList<>();
        for (JsonNode r : cve.path("references").path("reference_data")) {
            if (refs.size() < MAX_REFERENCES && r.path("url").isTextual()) {
                refs.add(r.path("url").asText());
            }
        }
        List<Configuration> configurations = new ArrayList<>();
        JsonNode nodes = n.path("configurations").path("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            String at = "configurations.nodes[" + i + "]";
            JsonNode node = nodes.get(i);
            JsonNode children = node.path("children");
            if (children.isArray() && !children.isEmpty()) {
                List<ConfigNode> list = new ArrayList<>();
                for (int j = 0; j < children.size(); j++) {
                    list.add(node11(children.get(j), at + ".children[" + j + "]"));
                }
                configurations.add(new Configuration(operator(node.get("operator"), at),
                        node.path("negate").asBoolean(false), list));
            } else {
                configurations.add(new Configuration(ConfigNode.Operator.OR, false, List.of(node11(node, at))));
            }
        }
        CvssScore score = null;
        JsonNode v3 = n.path("impact").path("baseMetricV3").path("cvssV3");
        JsonNode v2 = n.path("impact").path("baseMetricV2");
        if (v3.isObject()) {
            score = score(v3.path("version").asText("3.0"), v3.path("baseScore"), v3.path("baseSeverity").asText(null),
                    v3.path("vectorString").asText(null), "nvd@nist.gov", "impact.baseMetricV3");
        } else if (v2.isObject()) {
            score = score("2.0", v2.path("cvssV2").path("baseScore"), v2.path("severity").asText(null),
                    v2.path("cvssV2").path("vectorString").asText(null), "nvd@nist.gov", "impact.baseMetricV2");
        }
        return new CveRecord(id, date(n.get("publishedDate"), "publishedDate"),
                date(n.get("lastModifiedDate"), "lastModifiedDate"), null, description, score, List.copyOf(cwes), refs,
                configurations, null, null, source);
    }

    private static ConfigNode node11(JsonNode node, String at) throws RecordSchemaException {
        JsonNode entries = node.path("cpe_match");
        List<CpeMatch> matches = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            matches.add(match(entries.get(k), "cpe23Uri", at + ".cpe_match[" + k + "]"));
        }
        return new ConfigNode(operator(node.get("operator"), at), node.path("negate").asBoolean(false), matches);
    }

    private static CvssScore score(String version, JsonNode baseScore, String severity, String vector, String source,
                                   String at) throws RecordSchemaException {
        if (!baseScore.isNumber() || baseScore.asDouble() < 0 || baseScore.asDouble() > 10) {
            throw new RecordSchemaException(at + ".baseScore must be a number from 0 to 10");
        }
        return new CvssScore(version, baseScore.asDouble(), severity, vector, source);
    }

    private static String cveId(JsonNode id, String field) throws RecordSchemaException {
        if (id == null || !id.isTextual() || !id.asText().matches("CVE-\\d{4}-\\d{4,12}")) {
            throw new RecordSchemaException(field + " is not a CVE id");
        }
        return id.asText();
    }

    private static ConfigNode.Operator operator(JsonNode op, String at) throws RecordSchemaException {
        if (op == null || op.isNull()) {
            return ConfigNode.Operator.OR;
        }
        return switch (op.asText()) {
            case "AND" -> ConfigNode.Operator.AND;
            case "OR" -> ConfigNode.Operator.OR;
            default -> throw new RecordSchemaException(at + ".operator must be AND or OR");
        };
    }

    private static String version(JsonNode m, String field, String at) throws RecordSchemaException {
        JsonNode v = m.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > 100) {
            throw new RecordSchemaException(at + "." + field + " must be a version string");
        }
        return v.asText();
    }

    private static JsonNode array(JsonNode parent, String field) throws RecordSchemaException {
        return array(parent, field, null);
    }

    private static JsonNode array(JsonNode parent, String field, String at) throws RecordSchemaException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            throw new RecordSchemaException((at == null ? "" : at + ".") + field + " must be an array");
        }
        return v;
    }

    private static String text(JsonNode v) {
        return v == null || !v.isTextual() ? null : v.asText();
    }

    private static LocalDate date(JsonNode v, String field) throws RecordSchemaException {
        if (v == null || v.isNull()) {
            return null;
        }
        String t = v.asText("");
        try {
            return LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException e) {
            throw new RecordSchemaException(field + ": '" + (t.length() > 40 ? t.substring(0, 40) : t)
                    + "' is not a date");
        }
    }
}

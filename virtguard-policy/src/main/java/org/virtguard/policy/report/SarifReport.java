package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.model.Finding;
import org.virtguard.model.Severity;
import org.virtguard.policy.check.CheckDefinition;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.ScanResult;

/**
 * SARIF 2.1.0: one rule per check, one result per kept finding located at the inventory object as a logical
 * location. FAIL and ERROR are {@code kind: fail}, NOT_COLLECTED is {@code review}, EXCEPTED carries an
 * external suppression with its justification.
 */
final class SarifReport {

    private SarifReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (CompiledCheck c : result.checks()) {
            CheckDefinition d = c.definition();
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", d.id());
            rule.put("name", d.id());
            rule.put("shortDescription", Map.of("text", d.title()));
            rule.put("fullDescription", Map.of("text", d.description()));
            StringBuilder help = new StringBuilder(d.risk()).append("\n\nRemediation:\n");
            d.remediation().forEach((tool, how) -> help.append("- ").append(tool).append(": ").append(how).append('\n'));
            rule.put("help", Map.of("text", help.toString()));
            rule.put("defaultConfiguration", Map.of("level", level(d.severity())));
            rule.put("properties", Map.of("severity", d.severity().name(), "frameworks", d.frameworkIds(),
                    "resourceType", d.resourceType().key(), "tags", d.frameworkIds()));
            rules.add(rule);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (Finding f : result.findings()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ruleId", f.checkId());
            r.put("kind", switch (f.status()) {
                case FAIL, ERROR, EXCEPTED -> "fail";
                case NOT_COLLECTED -> "review";
                case NOT_APPLICABLE -> "notApplicable";
                case PASS -> "pass";
            });
            if (f.status() == org.virtguard.model.CheckStatus.FAIL || f.status() == org.virtguard.model.CheckStatus.ERROR
                    || f.status() == org.virtguard.model.CheckStatus.EXCEPTED) {
                r.put("level", level(f.severity()));
            } else {
                r.put("level", "none");
            }
            r.put("message", Map.of("text", f.message() + " [" + f.resource().name() + "]"));
            r.put("locations", List.of(Map.of("logicalLocations", List.of(Map.of(
                    "name", f.resource().name() == null ? f.resource().id() : f.resource().name(),
                    "fullyQualifiedName", f.resource().type().name().toLowerCase(java.util.Locale.ROOT) + ":"
                            + f.resource().id(),
                    "kind", "resource")))));
            r.put("partialFingerprints", Map.of("virtguard/v1", f.checkId() + "|" + f.resource().id()));
            if (f.status() == org.virtguard.model.CheckStatus.EXCEPTED) {
                r.put("suppressions", List.of(Map.of("kind", "external", "status", "accepted",
                        "justification", f.evidence().getOrDefault("exception.justification", ""))));
            }
            r.put("properties", Map.of("status", f.status().name(), "evidence", f.evidence()));
            results.add(r);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "VirtGuard");
        driver.put("informationUri", "https://github.com/virtguard/virtguard");
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(Map.of("executionSuccessful", true,
                "endTimeUtc", result.evaluatedAt().toString())));
        run.put("results", results);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        doc.put("version", "2.1.0");
        doc.put("runs", List.of(run));
        JsonReport.MAPPER.writeValue(out, doc);
    }

    private static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }
}

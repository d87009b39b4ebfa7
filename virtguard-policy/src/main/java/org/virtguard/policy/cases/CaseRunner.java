package org.virtguard.policy.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.policy.check.CelValues;
import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.eval.CheckCatalog;
import org.virtguard.policy.eval.CompiledCheck;
import org.virtguard.policy.eval.Evaluator;
import org.virtguard.policy.eval.PolicyException;
import org.virtguard.policy.eval.PolicyExceptionLoader;
import org.virtguard.policy.eval.ScanResult;
import org.virtguard.policy.zones.ZonePolicy;
import org.virtguard.policy.zones.ZonePolicyLoader;

/**
 * Runs a check's cases file: each case is an inventory fragment, optional zone policy, parameters, exceptions
 * and time, and the status expected for each named resource.
 * <pre>
 * cases:
 *   - name: VNC on all addresses without a password
 *     now: 2026-06-01T00:00:00Z
 *     inventory: {hosts: [{name: kvm1}], vms: [{name: web02, host: kvm1, consoles: [{listen: 0.0.0.0, password: false}]}]}
 *     expect: {web02: FAIL}
 * </pre>
 */
public final class CaseRunner {

    /** Default evaluation time of a case. */
    public static final Instant DEFAULT_NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper YAML_OUT = new ObjectMapper(new YAMLFactory());

    /** One case's outcome. */
    public record CaseResult(String checkId, String caseName, boolean passed, String problem,
                             Map<String, CheckStatus> expected) {
    }

    private CaseRunner() {
    }

    /** The class-path location of a built-in check's cases file, derived from the check's origin. */
    public static String casesResourceFor(CompiledCheck check) {
        String origin = check.definition().origin();
        String path = origin.startsWith("classpath:") ? origin.substring("classpath:".length()) : origin;
        return path.substring(0, path.length() - ".yaml".length()) + ".cases.yaml";
    }

    /** Loads the cases text of a built-in or file-based check, or {@code null} when there is none. */
    public static String casesText(CompiledCheck check) throws CheckLoadException {
        String origin = check.definition().origin();
        if (origin.startsWith("classpath:")) {
            return CheckCatalog.resource(casesResourceFor(check));
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(casesResourceFor(check));
            return java.nio.file.Files.exists(p) ? java.nio.file.Files.readString(p) : null;
        } catch (java.io.IOException e) {
            throw new CheckLoadException(origin, 1, 1, "cannot read cases: " + e.getMessage());
        }
    }

    public static List<CaseResult> run(CompiledCheck check, String casesText) throws CheckLoadException {
        String origin = casesResourceFor(check);
        JsonNode root;
        try {
            root = YAML.readTree(casesText);
        } catch (JsonProcessingException e) {
            throw new CheckLoadException(origin, e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 1 : e.getLocation().getColumnNr(), "invalid YAML: " + e.getOriginalMessage());
        }
        JsonNode cases = root == null ? null : root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw new CheckLoadException(origin, 1, 1, "expected 'cases:' with at least one case");
        }
        List<CaseResult> out = new ArrayList<>();
        for (JsonNode c : cases) {
            out.add(runOne(check, origin, c));
        }
        return out;
    }

    private static CaseResult runOne(CompiledCheck check, String origin, JsonNode c) throws CheckLoadException {
        String name = c.path("name").asText("(unnamed)");
        Map<String, CheckStatus> expected = new HashMap<>();
        c.path("expect").fields().forEachRemaining(e ->
                expected.put(e.getKey(), CheckStatus.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
        if (expected.isEmpty()) {
            return new CaseResult(check.id(), name, false, "case has no 'expect'", expected);
        }
        ZonePolicy policy = ZonePolicy.empty();
        if (c.has("policy")) {
            try {
                policy = ZonePolicyLoader.parse(origin + " case '" + name + "' policy",
                        YAML_OUT.writeValueAsString(c.get("policy")));
            } catch (JsonProcessingException e) {
                throw new CheckLoadException(origin, 1, 1, "case '" + name + "': bad policy");
            }
        }
        List<PolicyException> exceptions = List.of();
        if (c.has("exceptions")) {
            try {
                exceptions = PolicyExceptionLoader.parse(origin, YAML_OUT.writeValueAsString(
                        java.util.Map.of("exceptions", c.get("exceptions"))));
            } catch (JsonProcessingException e) {
                throw new CheckLoadException(origin, 1, 1, "case '" + name + "': bad exceptions");
            }
        }
        Map<String, Object> params = new HashMap<>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), CelValues.fromJson(e.getValue())));
        Instant now = c.has("now") ? Instant.parse(c.get("now").asText()) : DEFAULT_NOW;
        Evaluator evaluator = new Evaluator(List.of(check), policy, exceptions, Map.of(check.id(), params),
                Clock.fixed(now, ZoneOffset.UTC));
        ScanResult result = evaluator.evaluate(FixtureReader.inventory(c.path("inventory")), s -> true);
        Map<String, CheckStatus> actual = new HashMap<>();
        Map<String, String> details = new HashMap<>();
        for (Finding f : result.findings()) {
            actual.put(f.resource().name(), f.status());
            details.put(f.resource().name(), f.message());
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CheckStatus> e : expected.entrySet()) {
            CheckStatus got = actual.get(e.getKey());
            if (got != e.getValue()) {
                problems.add(e.getKey() + ": expected " + e.getValue() + " but got "
                        + (got == null ? "no result" : got + " (" + details.get(e.getKey()) + ")"));
            }
        }
        return new CaseResult(check.id(), name, problems.isEmpty(), String.join("; ", problems), expected);
    }
}

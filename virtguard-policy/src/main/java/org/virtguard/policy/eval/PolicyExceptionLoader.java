package org.virtguard.policy.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.virtguard.policy.check.CheckLoadException;
import org.virtguard.policy.check.SourcePositions;

/**
 * Reads exceptions: {@code exceptions: [{check, resource, justification, owner, expires: 2026-12-31}]}.
 * Every field is required; an exception without an expiry date is refused.
 */
public final class PolicyExceptionLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_BYTES = 1024 * 1024;

    private PolicyExceptionLoader() {
    }

    public static List<PolicyException> load(Path file) throws CheckLoadException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CheckLoadException(file.toString(), 1, 1, "exceptions file larger than " + MAX_BYTES);
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckLoadException(file.toString(), 1, 1, "cannot read exceptions: " + e.getMessage());
        }
    }

    public static List<PolicyException> parse(String origin, String text) throws CheckLoadException {
        SourcePositions positions = new SourcePositions(text);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new CheckLoadException(origin, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    "invalid YAML: " + e.getOriginalMessage());
        }
        JsonNode list = root == null ? null : root.get("exceptions");
        if (list == null || !list.isArray()) {
            throw new CheckLoadException(origin, 1, 1, "expected 'exceptions:' with a list");
        }
        List<PolicyException> out = new ArrayList<>();
        for (JsonNode e : list) {
            String check = required(origin, positions, e, "check");
            String resource = required(origin, positions, e, "resource");
            String expires = required(origin, positions, e, "expires");
            LocalDate date;
            try {
                date = LocalDate.parse(expires);
            } catch (DateTimeParseException ex) {
                var p = positions.find(expires);
                throw new CheckLoadException(origin, p.line(), p.column(),
                        "'expires' must be a date like 2026-12-31, not '" + expires + "'");
            }
            out.add(new PolicyException(check, resource, required(origin, positions, e, "justification"),
                    required(origin, positions, e, "owner"), date));
        }
        return out;
    }

    private static String required(String origin, SourcePositions positions, JsonNode e, String key)
            throws CheckLoadException {
        JsonNode v = e.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            String near = e.path("check").asText("");
            var p = near.isEmpty() ? positions.valueOf("exceptions") : positions.find(near);
            throw new CheckLoadException(origin, p.line(), p.column(), "exception without '" + key + "'");
        }
        return v.asText().strip();
    }
}

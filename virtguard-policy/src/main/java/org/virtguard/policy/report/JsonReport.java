package org.virtguard.policy.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.policy.eval.ScanResult;

/** A JSON document: summary counts and every kept finding. */
final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonReport() {
    }

    static void write(ScanResult result, Writer out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("evaluatedAt", result.evaluatedAt().toString());
        doc.put("evaluations", result.evaluations());
        Map<String, Long> summary = new LinkedHashMap<>();
        for (CheckStatus s : CheckStatus.values()) {
            summary.put(s.name(), result.total(s));
        }
        doc.put("summary", summary);
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : result.findings()) {
            findings.add(row(f));
        }
        doc.put("findings", findings);
        MAPPER.writeValue(out, doc);
    }

    static Map<String, Object> row(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("check", f.checkId());
        m.put("status", f.status().name());
        m.put("severity", f.severity().name());
        m.put("title", f.title());
        m.put("message", f.message());
        m.put("resource", Map.of("type", f.resource().type().name(), "id", f.resource().id(),
                "name", f.resource().name() == null ? "" : f.resource().name()));
        m.put("evidence", f.evidence());
        m.put("frameworks", f.frameworks());
        return m;
    }
}

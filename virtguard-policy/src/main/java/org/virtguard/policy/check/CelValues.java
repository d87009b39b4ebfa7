package org.virtguard.policy.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Converts YAML/JSON values into the Java types CEL evaluates: Long, Double, Boolean, String, List, Map. */
public final class CelValues {

    private CelValues() {
    }

    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(e -> out.add(fromJson(e)));
            return List.copyOf(out);
        }
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> {
                Object v = fromJson(e.getValue());
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            });
            return out;
        }
        return n.asText();
    }
}

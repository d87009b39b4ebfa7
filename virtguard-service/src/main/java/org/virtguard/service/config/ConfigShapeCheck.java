package org.virtguard.service.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares the tree of the file with the configuration records before binding, so that every unknown key and every
 * value of the wrong type is reported with its line, not only the first one Jackson meets. Record components are the
 * schema: a key is known when a record component has its name.
 */
final class ConfigShapeCheck {

    private final ConfigProblems problems;

    private ConfigShapeCheck(ConfigProblems problems) {
        this.problems = problems;
    }

    /** Reports unknown keys, empty list entries and values of the wrong type anywhere under {@code root}. */
    static void check(JsonNode root, ConfigProblems problems) {
        new ConfigShapeCheck(problems).walk(root, VirtGuardConfig.class, "");
    }

    private void walk(JsonNode node, Type type, String path) {
        if (node == null || node.isNull()) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            record(node, raw, path);
        } else if (List.class.isAssignableFrom(raw)) {
            list(node, argument(type, 0), path);
        } else if (Map.class.isAssignableFrom(raw)) {
            map(node, argument(type, 1), path);
        } else if (raw == String.class) {
            expect(node.isValueNode(), node, path, "a text value");
        } else if (raw == Integer.class || raw == int.class) {
            expect(node.isIntegralNumber() && node.canConvertToInt(), node, path, "a whole number");
        } else if (raw == Double.class || raw == double.class) {
            expect(node.isNumber(), node, path, "a number");
        } else {
            throw new IllegalStateException("no shape check for " + type + " at " + path);
        }
    }

    private void record(JsonNode node, Class<?> type, String path) {
        Map<String, RecordComponent> components = Arrays.stream(type.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, c -> c));
        if (!expect(node.isObject(), node, path, "a mapping with keys " + components.keySet().stream().sorted()
                .collect(Collectors.joining(", ")))) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = ConfigProblems.child(path, field.getKey());
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                problems.keySentence(child, "unknown field '" + ConfigProblems.clean(child)
                        + "' (known: " + components.keySet().stream().sorted().collect(Collectors.joining(", "))
                        + ")");
            } else {
                walk(field.getValue(), component.getGenericType(), child);
            }
        }
    }

    private void list(JsonNode node, Type element, String path) {
        if (!expect(node.isArray(), node, path, "a list")) {
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            String child = ConfigProblems.index(path, i);
            if (node.get(i).isNull()) {
                problems.value(child, "empty list entry");
            } else {
                walk(node.get(i), element, child);
            }
        }
    }

    private void map(JsonNode node, Type value, String path) {
        if (!expect(node.isObject(), node, path, "a mapping")) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String child = ConfigProblems.child(path, field.getKey());
            if (field.getValue().isNull()) {
                problems.value(child, "empty value");
            } else {
                walk(field.getValue(), value, child);
            }
        }
    }

    private boolean expect(boolean ok, JsonNode node, String path, String expected) {
        if (!ok) {
            problems.value(path, "expected " + expected + ", found " + describe(node));
        }
        return ok;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "text " + ConfigProblems.quote(node.asText());
        }
        return ConfigProblems.quote(node.asText());
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported configuration type " + type);
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}

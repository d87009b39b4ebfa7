package org.virtguard.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares two canonical JSON trees of the same record field by field. Each differing field gives one
 * {@link FieldChange} whose path narrows down to where the difference is, at most three steps deep
 * ({@code consoles[0].listens}). Entries of map-valued "keyed" fields change independently
 * ({@code settings.isolation.tools.copy.disable}). {@code Collected} values and settings count as single
 * values and are rendered as their value or {@code not collected (reason)}.
 */
final class JsonDiff {

    /** One differing attribute: its path and its values before and after, as text ({@code null} = absent). */
    record FieldChange(String path, String oldValue, String newValue) {
    }

    private static final int MAX_DEPTH = 3;

    private JsonDiff() {
    }

    static List<FieldChange> diff(JsonNode before, JsonNode after, Set<String> ignored, Set<String> keyed) {
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fieldNames(before, after)) {
            JsonNode a = before.get(field);
            JsonNode b = after.get(field);
            if (ignored.contains(field) || same(a, b)) {
                continue;
            }
            if (keyed.contains(field) && objectOrAbsent(a) && objectOrAbsent(b)) {
                for (String key : fieldNames(a, b)) {
                    JsonNode ka = a == null ? null : a.get(key);
                    JsonNode kb = b == null ? null : b.get(key);
                    if (!same(ka, kb)) {
                        changes.add(narrow(field + "." + key, ka, kb, 2));
                    }
                }
            } else {
                changes.add(narrow(field, a, b, 1));
            }
        }
        return changes;
    }

    private static FieldChange narrow(String path, JsonNode a, JsonNode b, int depth) {
        if (depth < MAX_DEPTH && !isValue(a) && !isValue(b)) {
            if (a.isObject() && b.isObject()) {
                List<String> differing = fieldNames(a, b).stream().filter(k -> !same(a.get(k), b.get(k))).toList();
                if (differing.size() == 1) {
                    String key = differing.get(0);
                    return narrow(path + "." + key, a.get(key), b.get(key), depth + 1);
                }
            } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
                List<Integer> differing = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        differing.add(i);
                    }
                }
                if (differing.size() == 1) {
                    int i = differing.get(0);
                    return narrow(path + "[" + i + "]", a.get(i), b.get(i), depth + 1);
                }
            }
        }
        return new FieldChange(path, render(a), render(b));
    }

    /** A node's value as text: strings unquoted, {@code Collected} values resolved, structures as JSON. */
    static String render(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (isCollectedLike(node)) {
            if ("COLLECTED".equals(node.get("status").asText())) {
                String value = render(node.get("value"));
                return value == null ? "(not set)" : value;
            }
            JsonNode reason = node.get("reason");
            return "not collected (" + (absent(reason) ? "no reason given" : reason.asText()) + ")";
        }
        return node.isValueNode() ? node.asText() : InventoryJson.text(node);
    }

    private static boolean isValue(JsonNode node) {
        return absent(node) || node.isValueNode() || isCollectedLike(node);
    }

    private static boolean isCollectedLike(JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        JsonNode status = node.get("status");
        return status != null && status.isTextual()
                && ("COLLECTED".equals(status.asText()) || "NOT_COLLECTED".equals(status.asText()));
    }

    private static boolean objectOrAbsent(JsonNode node) {
        return absent(node) || node.isObject();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return absent(a) ? absent(b) : a.equals(b);
    }

    private static Set<String> fieldNames(JsonNode a, JsonNode b) {
        Set<String> names = new TreeSet<>();
        for (JsonNode node : new JsonNode[] {a, b}) {
            if (node != null && node.isObject()) {
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
            }
        }
        return names;
    }
}

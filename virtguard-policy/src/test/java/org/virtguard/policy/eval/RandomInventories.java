package org.virtguard.policy.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Seeded random variants of case inventories: values are swapped for others seen under the same field in any
 * case, or for awkward ones (not collected, bad booleans and numbers, edge and malformed timestamps), fields are
 * dropped, settings are added and list elements duplicated. Variants the fixture reader rejects are the caller's
 * to skip.
 */
public final class RandomInventories {

    /** Values any field may get: the edges of truthy/num/int/timestamp and not-collected. */
    private static final List<JsonNode> AWKWARD = List.of(
            TextNode.valueOf("!nc"), TextNode.valueOf("true"), TextNode.valueOf("false"), TextNode.valueOf("yes"),
            TextNode.valueOf("maybe"), TextNode.valueOf("0"), TextNode.valueOf("1"), TextNode.valueOf(" 12 "),
            TextNode.valueOf("+7"), TextNode.valueOf("-3"), TextNode.valueOf(""), TextNode.valueOf("9223372036854775808"),
            TextNode.valueOf("2024-05-01T10:00:00Z"), TextNode.valueOf("2026-11-01T23:59:59.5+02:00"),
            TextNode.valueOf("2026-11-22T00:00:00.123456789-11:30"), TextNode.valueOf("2026-11-22t00:00:00z"),
            TextNode.valueOf("0001-01-01T00:00:00Z"), TextNode.valueOf("0001-01-01T00:30:00+01:00"),
            TextNode.valueOf("9999-12-31T23:59:59Z"), TextNode.valueOf("9999-12-31T23:00:00-02:00"),
            TextNode.valueOf("2024-02-30T00:00:00Z"), TextNode.valueOf("2024-01-01T24:00:00Z"),
            TextNode.valueOf("2016-12-31T23:59:60Z"), TextNode.valueOf("2024-01-01T00:00:00"),
            TextNode.valueOf("2024-01-01T00:00:00+25:00"), TextNode.valueOf("2024-01-01 00:00:00Z"),
            TextNode.valueOf("2024-01-01T00:00:00.1234567891Z"), TextNode.valueOf("1714557600"),
            TextNode.valueOf("not a time"), TextNode.valueOf("firewall.rulesets"), TextNode.valueOf("0.0.0.0"),
            TextNode.valueOf("127.0.0.1"), IntNode.valueOf(0), IntNode.valueOf(4095), IntNode.valueOf(-1),
            BooleanNode.TRUE, BooleanNode.FALSE);

    private final Random random;
    private final Map<String, List<JsonNode>> seen = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> settingsSeen = new LinkedHashMap<>();

    /** @param seeds the case inventories whose values the variants draw on */
    RandomInventories(long seed, List<JsonNode> seeds) {
        this.random = new Random(seed);
        for (JsonNode s : seeds) {
            collect(s, null);
        }
    }

    private void collect(JsonNode node, String field) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("settings".equals(field)) {
                    settingsSeen.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
                collect(e.getValue(), e.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field));
        } else if (field != null) {
            seen.computeIfAbsent(field, k -> new ArrayList<>()).add(node);
        }
    }

    /** A random variant of {@code inventory} (which is left unchanged). */
    JsonNode variant(JsonNode inventory) {
        JsonNode copy = inventory.deepCopy();
        mutate(copy, null);
        return copy;
    }

    private void mutate(JsonNode node, String field) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = o.get(name);
                int dice = random.nextInt(100);
                if (dice < 5) {
                    o.remove(name);
                } else if ((dice < 25 || dice < 60 && looksLikeTimestamp(v)) && v.isValueNode()) {
                    o.set(name, replacement(v, field != null && field.equals("settings") ? settingsSeen.get(name)
                            : seen.get(name)));
                } else {
                    mutate(v, name);
                }
            }
            if ("settings".equals(field) && !settingsSeen.isEmpty() && random.nextInt(100) < 40) {
                List<String> keys = new ArrayList<>(settingsSeen.keySet());
                String key = keys.get(random.nextInt(keys.size()));
                o.set(key, replacement(TextNode.valueOf(""), settingsSeen.get(key)));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                mutate(a.get(i), field);
            }
            if (!a.isEmpty() && random.nextInt(100) < 10) {
                a.add(a.get(random.nextInt(a.size())).deepCopy());
            }
        }
    }

    /**
     * RFC 3339 text within a day of 2026-03-02T00:00:00Z (where a 90-day age limit flips at the cases' default
     * "now"), with a random fraction and offset, so that a wrong instant changes verdicts.
     */
    public static String timestampNearThreshold(Random random) {
        long epoch = java.time.Instant.parse("2026-03-02T00:00:00Z").getEpochSecond()
                + random.nextLong(-86_400L, 86_400L);
        int[] offsets = {0, 0, 60, -330, 840, -720, 345};
        java.time.ZoneOffset offset = java.time.ZoneOffset.ofTotalSeconds(offsets[random.nextInt(offsets.length)] * 60);
        java.time.LocalDateTime local = java.time.LocalDateTime.ofEpochSecond(epoch, 0, offset);
        StringBuilder text = new StringBuilder(local.format(java.time.format.DateTimeFormatter.ofPattern(
                "yyyy-MM-dd'T'HH:mm:ss")));
        int digits = random.nextInt(4) == 0 ? 1 + random.nextInt(9) : 0;
        if (digits > 0) {
            text.append('.');
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        text.append(offset.getTotalSeconds() == 0 && random.nextBoolean() ? "Z" : offset.getId().replace("Z", "+00:00"));
        return text.toString();
    }

    /** Whether any value in {@code node} looks like RFC 3339 text. */
    static boolean hasTimestamp(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasTimestamp(child)) {
                    return true;
                }
            }
            return false;
        }
        return looksLikeTimestamp(node);
    }

    private static boolean looksLikeTimestamp(JsonNode v) {
        return v.isTextual() && v.asText().matches("\\d{4}-\\d{2}-\\d{2}T.*");
    }

    /** Another value for {@code old}; timestamps mostly become others near the age limit. */
    private JsonNode replacement(JsonNode old, List<JsonNode> sameField) {
        if (random.nextInt(100) < (looksLikeTimestamp(old) ? 70 : 10)) {
            return TextNode.valueOf(timestampNearThreshold(random));
        }
        if (sameField != null && !sameField.isEmpty() && random.nextBoolean()) {
            return sameField.get(random.nextInt(sameField.size())).deepCopy();
        }
        return AWKWARD.get(random.nextInt(AWKWARD.size())).deepCopy();
    }
}

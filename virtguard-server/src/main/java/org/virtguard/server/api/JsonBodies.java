package org.virtguard.server.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;

/**
 * Request bodies, parsed strictly: bounded, one JSON object, no key twice, nothing after it, and (when the caller
 * names its fields) no field it does not know. Values are read with their JSON type: a string where a number belongs,
 * a fraction or a number out of range, a number where text belongs are refused, never converted or wrapped around.
 * Every refusal is a 400 naming the field.
 */
final class JsonBodies {

    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{0,200})'");

    private JsonBodies() {
    }

    /** The body as a JSON object; any field is accepted (prefer {@link #object(Context, String...)}). */
    static Map<?, ?> object(Context ctx) {
        String body = ctx.body();
        if (body.length() > MAX_BODY) {
            throw new ApiError(413, org.virtguard.model.ErrorCode.INPUT_TOO_LARGE.name(),
                    "request body larger than " + MAX_BODY + " bytes");
        }
        if (body.isBlank()) {
            return Map.of();
        }
        return parse(body);
    }

    /** The body as a JSON object holding only {@code fields}; another field is refused, naming it. */
    static Map<?, ?> object(Context ctx, String... fields) {
        Map<?, ?> body = object(ctx);
        Set<String> known = Set.of(fields);
        Set<String> unknown = new TreeSet<>();
        for (Object key : body.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw ApiError.invalid("unknown field '" + (first.length() > 64 ? first.substring(0, 64) + "..." : first)
                    + "'" + (unknown.size() > 1 ? " (and " + (unknown.size() - 1) + " more)" : "") + "; known fields: "
                    + new TreeSet<>(known));
        }
        return body;
    }

    /** Parses {@code text} strictly as one JSON object. */
    static Map<?, ?> parse(String text) {
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw ApiError.invalid("field '" + duplicate.group(1) + "' appears more than once");
            }
            throw ApiError.invalid("request body is not valid JSON");
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw ApiError.invalid("request body must be a JSON object");
    }

    /**
     * A text field: a JSON string, stripped, at most {@code maxLength} characters. Blank counts as absent. Form
     * values (already strings) pass through the same checks.
     */
    static String text(Map<?, ?> body, String field, int maxLength, boolean required) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw ApiError.invalid("field '" + field + "' must be a string, not " + typeOf(value));
        }
        if (value == null || ((String) value).isBlank()) {
            if (required) {
                throw ApiError.invalid("field '" + field + "' is required");
            }
            return null;
        }
        String text = ((String) value).strip();
        if (text.length() > maxLength) {
            throw ApiError.invalid("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** A whole-number field between {@code min} and {@code max}; {@code fallback} when absent. */
    static int integer(Map<?, ?> body, String field, int min, int max, int fallback) {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof BigInteger number)) {
            throw ApiError.invalid("field '" + field + "' must be a whole number between " + min + " and " + max
                    + ", not " + typeOf(value));
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ApiError.invalid("field '" + field + "' must be between " + min + " and " + max);
        }
        return number.intValueExact();
    }

    /** A boolean field; {@code fallback} when absent. */
    static boolean bool(Map<?, ?> body, String field, boolean fallback) {
        Object value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw ApiError.invalid("field '" + field + "' must be true or false, not " + typeOf(value));
        }
        return b;
    }

    /** A field holding an array of strings (at most {@code maxItems}); empty when absent. */
    static List<String> strings(Map<?, ?> body, String field, int maxItems, int maxLength) {
        Object value = body.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Collection<?> items)) {
            throw ApiError.invalid("field '" + field + "' must be an array of strings, not " + typeOf(value));
        }
        if (items.size() > maxItems) {
            throw ApiError.invalid("field '" + field + "' holds more than " + maxItems + " items");
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String s)) {
                throw ApiError.invalid("field '" + field + "' must be an array of strings; it holds " + typeOf(item));
            }
            if (s.length() > maxLength) {
                throw ApiError.invalid("an item of field '" + field + "' is longer than " + maxLength + " characters");
            }
            out.add(s);
        }
        return out;
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return value instanceof BigInteger ? "a whole number" : "a fraction";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof Collection<?>) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }
}

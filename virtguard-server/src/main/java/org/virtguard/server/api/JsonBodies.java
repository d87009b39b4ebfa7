package org.virtguard.server.api;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Request bodies: bounded, parsed as a JSON object, with a clear error otherwise. */
final class JsonBodies {

    static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    static Map<?, ?> object(Context ctx) {
        String body = ctx.body();
        if (body.length() > MAX_BODY) {
            throw new ApiError(413, org.virtguard.model.ErrorCode.INPUT_TOO_LARGE.name(),
                    "request body larger than " + MAX_BODY + " bytes");
        }
        if (body.isBlank()) {
            return Map.of();
        }
        try {
            Object value = MAPPER.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                return map;
            }
        } catch (Exception e) {
            throw ApiError.invalid("request body is not valid JSON");
        }
        throw ApiError.invalid("request body must be a JSON object");
    }

    static String text(Map<?, ?> body, String field, int maxLength, boolean required) {
        Object value = body.get(field);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw ApiError.invalid("field '" + field + "' is required");
            }
            return null;
        }
        String text = value.toString().strip();
        if (text.length() > maxLength) {
            throw ApiError.invalid("field '" + field + "' is longer than " + maxLength + " characters");
        }
        return text;
    }
}

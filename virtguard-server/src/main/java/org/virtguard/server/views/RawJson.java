package org.virtguard.server.views;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A JSON value already written (e.g. a finding document as stored), emitted as is inside an API response so a
 * list of stored documents is not parsed and written again on every request.
 *
 * @param json a complete JSON value produced by VirtGuard's own mapper (never caller input)
 */
@JsonSerialize(using = RawJson.Writer.class)
public record RawJson(String json) {

    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    /** Writes the value unchanged. */
    static final class Writer extends JsonSerializer<RawJson> {
        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(value.json());
        }
    }
}

package org.virtguard.server.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A signed statement that the audit log's head was entry {@code seq} with hash {@code headHash} at {@code at}. One
 * JSON object per line in the checkpoint file and as the message of the syslog copy:
 * {@code {"type":"virtguard.audit.checkpoint","seq":N,"headHash":"…","at":"…","mac":"…"}}.
 *
 * @param seq      the head's sequence number (at least 1)
 * @param headHash the head entry's hash, 64 lower-case hex digits
 * @param at       when the checkpoint was taken
 * @param mac      HMAC-SHA256 over {@link #signedText()}, lower-case hex
 */
public record AuditCheckpoint(long seq, String headHash, Instant at, String mac) {

    /** The {@code type} field of every checkpoint line. */
    public static final String TYPE = "virtguard.audit.checkpoint";
    /** Longest line read as a checkpoint. */
    static final int MAX_LINE = 1024;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public AuditCheckpoint {
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("a checkpoint names an entry (seq >= 1)");
        }
        if (headHash == null || !HEX64.matcher(headHash).matches()) {
            throw new IllegalArgumentException("headHash must be 64 lower-case hex digits");
        }
        if (mac == null || !HEX64.matcher(mac).matches()) {
            throw new IllegalArgumentException("mac must be 64 lower-case hex digits");
        }
    }

    /** What the MAC covers: a version tag and the three fields, one per line. */
    public String signedText() {
        return signedText(seq, headHash, at);
    }

    static String signedText(long seq, String headHash, Instant at) {
        return TYPE + "/1\n" + seq + "\n" + headHash + "\n" + at + "\n";
    }

    /** This checkpoint as one line of JSON (without a line break). */
    public String line() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", TYPE);
        fields.put("seq", seq);
        fields.put("headHash", headHash);
        fields.put("at", at.toString());
        fields.put("mac", mac);
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one line written by {@link #line()}; the MAC is not checked here.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static AuditCheckpoint parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("longer than " + MAX_LINE + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node == null || !node.isObject() || node.size() != 5 || !TYPE.equals(node.path("type").asText(null))) {
            throw new IllegalArgumentException("not a checkpoint (type, seq, headHash, at, mac)");
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()) {
            throw new IllegalArgumentException("seq is not a whole number");
        }
        Instant at;
        try {
            at = Instant.parse(text(node, "at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at is not an ISO-8601 instant");
        }
        return new AuditCheckpoint(seq.asLong(), text(node, "headHash"), at, text(node, "mac"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is not text");
        }
        return value.asText();
    }
}

package org.virtguard.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.virtguard.model.ErrorCode;

/** Reads a backup's JSON lines, each bounded in length, and names the file and line of what is wrong. */
final class BackupReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Reader reader;
    private final int maxLine;
    private final StringBuilder buffer = new StringBuilder();
    private long lineNumber;

    BackupReader(Path file, InputStream in, int maxLine) {
        this.file = file;
        this.reader = new java.io.BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                64 * 1024);
        this.maxLine = maxLine;
    }

    /** The next line as JSON, or {@code null} at the end of the file. */
    JsonNode next() throws IOException {
        buffer.setLength(0);
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        lineNumber++;
        while (c >= 0 && c != '\n') {
            if (buffer.length() >= maxLine) {
                throw invalid("line longer than " + maxLine + " characters");
            }
            buffer.append((char) c);
            c = reader.read();
        }
        try {
            return JSON.readTree(buffer.toString());
        } catch (JsonProcessingException e) {
            throw invalid("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The next line, which must be a JSON object. */
    JsonNode object() throws IOException {
        JsonNode node = next();
        if (node == null || !node.isObject()) {
            throw invalid(node == null ? "the file is empty" : "expected a JSON object");
        }
        return node;
    }

    /** An error naming the file and the current line. */
    StoreException invalid(String what) {
        return new StoreException(ErrorCode.INVALID_INPUT, file + " line " + lineNumber + ": " + what);
    }
}

package org.virtguard.policy.zones;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where each node of a YAML document starts, by JSON pointer ({@code /segmentation/rules/2/ports/0}), so that
 * errors found on the parsed tree can name the exact line and column. A key's node is located at the key.
 */
final class YamlLocations {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Map<String, int[]> byPointer;

    private YamlLocations(Map<String, int[]> byPointer) {
        this.byPointer = byPointer;
    }

    /** The locations in {@code text}; a document that does not parse has none (parsing reports it elsewhere). */
    static YamlLocations of(String text) {
        Map<String, int[]> out = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = p.getParsingContext().pathAsPointer().toString();
                JsonLocation at = p.currentTokenLocation();
                out.putIfAbsent(pointer, new int[] {Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())});
            }
        } catch (IOException e) {
            return new YamlLocations(out);
        }
        return new YamlLocations(out);
    }

    /** Line and column of the node at {@code pointer}, else of its nearest located ancestor, else 1:1. */
    int[] at(String pointer) {
        String p = pointer;
        while (true) {
            int[] found = byPointer.get(p);
            if (found != null) {
                return found;
            }
            int slash = p.lastIndexOf('/');
            if (slash <= 0) {
                int[] top = byPointer.get(p);
                return top != null ? top : new int[] {1, 1};
            }
            p = p.substring(0, slash);
        }
    }
}

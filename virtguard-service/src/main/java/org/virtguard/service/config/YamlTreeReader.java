package org.virtguard.service.config;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads one YAML document into a Jackson tree and records in {@link ConfigProblems} where each key and value
 * stands, so that checks made after binding can name the line and column. Refuses what a configuration file never
 * needs and an attacker might use: aliases, duplicate keys, deep nesting and more than one document.
 */
final class YamlTreeReader {

    /** Deepest nesting of mappings and lists taken; the schema itself needs 5. */
    static final int MAX_DEPTH = 20;

    private final YAMLParser parser;
    private final ConfigProblems problems;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private YamlTreeReader(YAMLParser parser, ConfigProblems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * Reads the document.
     *
     * @return the root node, or {@code null} for an empty document
     * @throws IOException on a syntax error (a {@link com.fasterxml.jackson.core.JsonProcessingException} with its
     *                     location)
     */
    static JsonNode read(YAMLParser parser, ConfigProblems problems) throws IOException {
        YamlTreeReader reader = new YamlTreeReader(parser, problems);
        if (parser.nextToken() == null) {
            return null;
        }
        JsonNode root = reader.value("", 1);
        if (parser.nextToken() != null) {
            problems.at(TextPosition.of(parser.currentTokenLocation()),
                    "a second YAML document: the configuration is one document");
        }
        return root;
    }

    private JsonNode value(String path, int depth) throws IOException {
        TextPosition at = TextPosition.of(parser.currentTokenLocation());
        problems.valueAt(path, at);
        if (parser.isCurrentAlias()) {
            problems.at(at, where(path) + "YAML aliases (*" + ConfigProblems.quote(parser.getText())
                    + ") are not allowed; write the value out");
            return nodes.nullNode();
        }
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > MAX_DEPTH) {
            problems.at(at, where(path) + "nested deeper than " + MAX_DEPTH + " levels");
            parser.skipChildren();
            return nodes.nullNode();
        }
        return switch (token) {
            case START_OBJECT -> mapping(path, depth);
            case START_ARRAY -> sequence(path, depth);
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> {
                problems.at(at, where(path) + "unsupported YAML value (" + token + ")");
                yield nodes.nullNode();
            }
        };
    }

    private ObjectNode mapping(String path, int depth) throws IOException {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            String child = ConfigProblems.child(path, name);
            TextPosition keyAt = TextPosition.of(parser.currentTokenLocation());
            boolean duplicate = object.has(name);
            if (!duplicate) {
                problems.keyAt(child, keyAt);
            }
            parser.nextToken();
            JsonNode value = value(child, depth + 1);
            if (duplicate) {
                problems.at(keyAt, "duplicate key '" + ConfigProblems.clean(child) + "'");
            } else {
                object.set(name, value);
            }
        }
        return object;
    }

    private ArrayNode sequence(String path, int depth) throws IOException {
        ArrayNode array = nodes.arrayNode();
        for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            array.add(value(ConfigProblems.index(path, array.size()), depth + 1));
        }
        return array;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}

package org.virtguard.service.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.virtguard.service.ServiceException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and validates {@code virtguard.yaml} before anything starts. The file is read once into a tree that keeps
 * the line and column of every key and value; its shape is compared with the configuration records (unknown keys,
 * wrong types), it is bound to {@link VirtGuardConfig}, and every section is checked. All problems found are
 * reported together, each on its own line as {@code file:line:column: key.path: message}, in one
 * {@link ServiceException} with {@link org.virtguard.model.ErrorCode#INVALID_CONFIG} that marks the configuration
 * as invalid.
 */
public final class ConfigLoader {

    static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

    private final YAMLFactory factory;
    private final ObjectMapper mapper;

    /** A loader; it holds no state between loads. */
    public ConfigLoader() {
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setMaxAliasesForCollections(20);
        loaderOptions.setAllowRecursiveKeys(false);
        loaderOptions.setNestingDepthLimit(YamlTreeReader.MAX_DEPTH + 5);
        loaderOptions.setCodePointLimit((int) MAX_CONFIG_BYTES);
        this.factory = new YAMLFactoryBuilder(new YAMLFactory()).loaderOptions(loaderOptions).build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /**
     * Reads, binds and validates {@code file}, including that every file it names exists.
     *
     * @return the configuration; an empty file gives {@link VirtGuardConfig#empty()}
     * @throws ServiceException naming every problem found (at most {@value ConfigProblems#MAX_REPORTED} listed)
     */
    public VirtGuardConfig load(Path file) {
        return load(file, FileChecks.CHECK);
    }

    /**
     * Reads, binds and validates {@code file}.
     *
     * @param files whether the files the configuration names must exist
     * @return the configuration; an empty file gives {@link VirtGuardConfig#empty()}
     * @throws ServiceException naming every problem found (at most {@value ConfigProblems#MAX_REPORTED} listed)
     */
    public VirtGuardConfig load(Path file, FileChecks files) {
        ConfigProblems problems = new ConfigProblems(file.toString());
        JsonNode tree = readTree(file, problems);
        problems.throwIfAny();
        VirtGuardConfig config = tree == null || tree.isNull() ? VirtGuardConfig.empty() : bind(tree, problems);
        ConfigValidator.validate(config, problems, files);
        problems.throwIfAny();
        return config;
    }

    private JsonNode readTree(Path file, ConfigProblems problems) {
        String text = readText(file, problems);
        if (text == null) {
            return null;
        }
        try (YAMLParser parser = factory.createParser(text)) {
            JsonNode tree = YamlTreeReader.read(parser, problems);
            if (tree != null && !tree.isNull()) {
                ConfigShapeCheck.check(tree, problems);
            }
            return tree;
        } catch (JsonProcessingException e) {
            TextPosition at = TextPosition.of(e.getLocation());
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst()
                    .orElse("");
            problems.at(at, "YAML syntax error: " + ConfigProblems.clean(message)
                    + (at == null ? "" : " (line " + at.line() + ", column " + at.column() + ")"));
            return null;
        } catch (IOException e) {
            problems.file("cannot read: " + e.getClass().getSimpleName());
            return null;
        }
    }

    private static String readText(Path file, ConfigProblems problems) {
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                problems.file("file is larger than " + MAX_CONFIG_BYTES + " bytes");
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            problems.file("file not found");
        } catch (CharacterCodingException e) {
            problems.file("file is not UTF-8 text");
        } catch (IOException e) {
            problems.file("cannot read: " + e.getClass().getSimpleName());
        }
        return null;
    }

    /** Binds a tree that passed the shape check; a binding error is still told with its path and position. */
    private VirtGuardConfig bind(JsonNode tree, ConfigProblems problems) {
        try {
            VirtGuardConfig config = mapper.treeToValue(tree, VirtGuardConfig.class);
            return config == null ? VirtGuardConfig.empty() : config;
        } catch (JsonMappingException e) {
            String path = path(e);
            problems.value(path, ConfigProblems.clean(e.getOriginalMessage().lines().findFirst().orElse("")));
            throw problems.exception();
        } catch (JsonProcessingException e) {
            problems.file(ConfigProblems.clean(e.getOriginalMessage()));
            throw problems.exception();
        }
    }

    private static String path(JsonMappingException e) {
        String path = "";
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path = ConfigProblems.index(path, ref.getIndex());
            } else if (ref.getFieldName() != null) {
                path = ConfigProblems.child(path, ref.getFieldName());
            }
        }
        return path;
    }
}

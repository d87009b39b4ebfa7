package org.virtguard.service.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import org.virtguard.service.ServiceException;
import org.virtguard.model.ErrorCode;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads and validates {@code virtguard.yaml}. Every error names the file, and where known line and column. */
public final class ConfigLoader {

    static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

    private final ObjectMapper yaml;

    public ConfigLoader() {
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setMaxAliasesForCollections(20);
        loaderOptions.setAllowRecursiveKeys(false);
        loaderOptions.setCodePointLimit((int) MAX_CONFIG_BYTES);
        YAMLFactory factory = new YAMLFactoryBuilder(new YAMLFactory()).loaderOptions(loaderOptions).build();
        this.yaml = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public VirtGuardConfig load(Path file) {
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw invalid(file, "file is larger than " + MAX_CONFIG_BYTES + " bytes");
            }
            VirtGuardConfig config = yaml.readValue(file.toFile(), VirtGuardConfig.class);
            if (config == null) {
                config = VirtGuardConfig.empty();
            }
            validate(file, config);
            return config;
        } catch (NoSuchFileException e) {
            throw invalid(file, "file not found");
        } catch (UnrecognizedPropertyException e) {
            throw invalid(file, "unknown field '" + path(e) + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw invalid(file, location(e.getLocation()) + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw invalid(file, "cannot read: " + e.getMessage());
        }
    }

    private static void validate(Path file, VirtGuardConfig config) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.sources().size(); i++) {
            SourceConfig source = config.sources().get(i);
            String where = "sources[" + i + "]";
            if (source == null || source.uri() == null || source.uri().isBlank()) {
                throw invalid(file, where + ".uri is required");
            }
            SourceUris.rejectEmbeddedSecrets(source.uri(), file + ": " + where + ".uri");
            String id = source.id() != null ? source.id() : org.virtguard.spi.SourceSpec.defaultIdFor(source.uri());
            if (!ids.add(id)) {
                throw invalid(file, where + ".id '" + id + "' is used by another source");
            }
            CredentialConfig c = source.credentials();
            if (c != null && c.passwordEnv() != null && c.passwordFile() != null) {
                throw invalid(file, where + ".credentials: give passwordEnv or passwordFile, not both");
            }
        }
        StoreSettings store = config.store();
        if (store != null && store.url() != null) {
            SourceUris.rejectJdbcPassword(store.url(), file + ": store.url");
        }
    }

    private static String path(UnrecognizedPropertyException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? e.getPropertyName() : path.toString();
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static ServiceException invalid(Path file, String message) {
        return new ServiceException(ErrorCode.INVALID_CONFIG, "configuration " + file + ": " + message, true);
    }
}

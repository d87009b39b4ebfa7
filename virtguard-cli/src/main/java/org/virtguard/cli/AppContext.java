package org.virtguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.virtguard.service.config.ConfigLoader;
import org.virtguard.service.config.CredentialConfig;
import org.virtguard.service.config.SecretCredentials;
import org.virtguard.service.config.SourceUris;
import org.virtguard.service.config.StoreSettings;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.model.ErrorCode;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/** Resolves configuration, store and sources from the global options, the config file and the environment. */
public final class AppContext {

    static final String DEFAULT_CONFIG = "virtguard.yaml";
    static final String DEFAULT_DATA_DIR = "virtguard-data";
    static final String STORE_PASSWORD_ENV = "VIRTGUARD_STORE_PASSWORD";

    private final GlobalOptions options;
    private final Map<String, String> environment;
    private VirtGuardConfig config;

    public AppContext(GlobalOptions options, Map<String, String> environment) {
        this.options = options;
        this.environment = environment;
    }

    /** The process environment this command runs with (tests pass their own). */
    public Map<String, String> environment() {
        return environment;
    }

    public VirtGuardConfig config() {
        if (config == null) {
            Path file = options.config;
            if (file == null && Files.isRegularFile(Path.of(DEFAULT_CONFIG))) {
                file = Path.of(DEFAULT_CONFIG);
            }
            config = file == null ? VirtGuardConfig.empty() : new ConfigLoader().load(file);
        }
        return config;
    }

    public Path dataDir() {
        if (options.dataDir != null) {
            return options.dataDir;
        }
        String fromConfig = config().dataDir();
        return Path.of(fromConfig != null ? fromConfig : DEFAULT_DATA_DIR);
    }

    public StoreConfig storeConfig() {
        StoreSettings settings = config().store();
        String url = options.storeUrl != null ? options.storeUrl : settings == null ? null : settings.url();
        if (url == null) {
            return StoreConfig.embedded(dataDir());
        }
        SourceUris.rejectJdbcPassword(url, "--store-url");
        String user = options.storeUser != null ? options.storeUser : settings == null ? null : settings.user();
        return new StoreConfig(url, user, storePassword(settings));
    }

    private String storePassword(StoreSettings settings) {
        if (options.storePasswordFile != null) {
            return readFirstLine(options.storePasswordFile);
        }
        if (settings != null && settings.passwordFile() != null) {
            return readFirstLine(Path.of(settings.passwordFile()));
        }
        String env = settings != null && settings.passwordEnv() != null ? settings.passwordEnv() : STORE_PASSWORD_ENV;
        return environment.get(env);
    }

    private static String readFirstLine(Path file) {
        try {
            return org.virtguard.service.config.SecretReader.firstLine(file);
        } catch (IOException e) {
            throw new CliException(ErrorCode.CREDENTIAL_UNAVAILABLE, "cannot read store password file " + file);
        }
    }

    /**
     * Opens the store for a command that reads it: its schema must be exactly this binary's (never migrated
     * here; an older one needs {@code virtguard db migrate}, a newer one a newer virtguard), and an empty store is
     * refused.
     */
    public Store openStore() {
        return Store.open(storeConfig(), org.virtguard.store.SchemaMode.VALIDATE);
    }

    /**
     * Opens the store for a command that writes into it: a fresh, empty store gets its schema, an existing one
     * must be at exactly this binary's version (never upgraded here).
     */
    public Store openStoreForWriting() {
        return Store.open(storeConfig(), org.virtguard.store.SchemaMode.CREATE_OR_VALIDATE);
    }

    /** Sources named on the command line (no credentials) followed by those in the configuration file. */
    public List<ConfiguredSource> sources(List<String> commandLineUris, CredentialConfig commandLineCredentials) {
        List<ConfiguredSource> sources = new ArrayList<>();
        for (String uri : commandLineUris) {
            SourceUris.rejectEmbeddedSecrets(uri, "--source");
            SourceSpec spec = SourceSpec.of(uri);
            Credentials credentials = commandLineCredentials == null ? Credentials.none()
                    : new SecretCredentials(spec.id(), commandLineCredentials, environment);
            sources.add(new ConfiguredSource(spec, credentials));
        }
        sources.addAll(ConfiguredSource.of(config().sources(), environment));
        return sources;
    }
}

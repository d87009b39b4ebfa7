package org.virtguard.service;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.virtguard.model.InventoryChange;
import org.virtguard.service.config.VirtGuardConfig;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.store.StoreConfig;

/**
 * What {@link VirtGuardService} is assembled from: the validated configuration with the values the caller resolved
 * from it (data directory, store, sources with their credentials), the environment that holds the secrets the
 * configuration names, and where operational messages go.
 *
 * @param config       the validated configuration (command-line overrides already applied)
 * @param dataDir      where spools, outage buffers and the embedded store live
 * @param store        the store to open
 * @param sources      the inventory sources, credentials resolved on demand
 * @param environment  environment variables (secrets named by the configuration)
 * @param clock        the service's clock
 * @param log          one-line operational messages
 * @param changeWatcher also told of every batch of recorded inventory changes (the demo prints them), or a no-op
 */
public record ServiceSetup(VirtGuardConfig config, Path dataDir, StoreConfig store, List<ConfiguredSource> sources,
                           Map<String, String> environment, Clock clock, Consumer<String> log,
                           Consumer<List<InventoryChange>> changeWatcher) {

    public ServiceSetup {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(store, "store");
        sources = List.copyOf(sources);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(log, "log");
        changeWatcher = changeWatcher == null ? changes -> { } : changeWatcher;
    }
}

package org.virtguard.service.config;

import java.util.List;

/**
 * The {@code virtguard.yaml} configuration file.
 *
 * @param dataDir where the embedded store and other state live (default {@code ./virtguard-data})
 * @param store   the store, or {@code null} for the embedded default
 * @param sources inventory sources
 */
public record VirtGuardConfig(String dataDir, StoreSettings store, List<SourceConfig> sources) {

    public VirtGuardConfig {
        sources = List.copyOf(sources == null ? List.of() : sources);
    }

    public static VirtGuardConfig empty() {
        return new VirtGuardConfig(null, null, List.of());
    }
}

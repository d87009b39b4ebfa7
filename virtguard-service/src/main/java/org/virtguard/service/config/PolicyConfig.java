package org.virtguard.service.config;

import java.util.List;

/**
 * The checks and the zone policy.
 *
 * @param zones     zone policy file: zones, classifications, host trust, anti-affinity, residency and the
 *                  zone-to-zone segmentation matrix; one file shared by checks, flows, logs and the migration guard
 * @param checksDirs directories of additional check YAML files; the built-in checks always run
 * @param exceptions limits on exceptions granted in the console or the API (lifetime, justification)
 */
public record PolicyConfig(String zones, List<String> checksDirs, ExceptionsConfig exceptions) {

    public PolicyConfig {
        checksDirs = List.copyOf(checksDirs == null ? List.of() : checksDirs);
        exceptions = exceptions == null ? ExceptionsConfig.defaults() : exceptions;
    }

    /** The checks and zones with the default exception limits. */
    public PolicyConfig(String zones, List<String> checksDirs) {
        this(zones, checksDirs, null);
    }

    public static PolicyConfig none() {
        return new PolicyConfig(null, List.of());
    }
}

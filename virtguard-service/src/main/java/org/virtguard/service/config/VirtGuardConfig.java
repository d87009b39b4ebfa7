package org.virtguard.service.config;

import java.util.List;

/**
 * {@code virtguard.yaml}: everything one deployment of the service sets. Command-line options only override it.
 * Secrets never appear in it: each section names the environment variable or the file that holds its secret.
 *
 * @param dataDir   where the embedded store, delivery spools and outage buffers live (default {@code ./virtguard-data})
 * @param store     the store, or {@code null} for the embedded H2 store under {@code dataDir}
 * @param http      the API and console listener
 * @param sources   inventory sources
 * @param policy    zones, checks and the segmentation matrix
 * @param exposure  vulnerability data
 * @param response  guarded response
 * @param lifecycle re-sync interval and dormancy threshold
 * @param intake    flow and syslog listeners
 * @param detectors detector thresholds
 * @param delivery  webhooks and syslog targets for alerts and finding events
 * @param retention how long each kind of data is kept
 * @param audit     signed checkpoints of the audit log outside the store
 * @param logging   log levels, format (text or JSON) and destination (standard error or a rotated file)
 * @param disk      free-space reserve of the data directory's disk and size alarms
 */
public record VirtGuardConfig(String dataDir, StoreSettings store, HttpConfig http, List<SourceConfig> sources,
                              PolicyConfig policy, ExposureConfig exposure, ResponseConfig response,
                              LifecycleConfig lifecycle, IntakeConfig intake, DetectorsConfig detectors,
                              DeliveryConfig delivery, RetentionConfig retention, AuditConfig audit,
                              LoggingConfig logging, DiskConfig disk) {

    public VirtGuardConfig {
        sources = List.copyOf(sources == null ? List.of() : sources);
        http = http == null ? HttpConfig.defaults() : http;
        policy = policy == null ? PolicyConfig.none() : policy;
        exposure = exposure == null ? ExposureConfig.none() : exposure;
        response = response == null ? new ResponseConfig(null) : response;
        lifecycle = lifecycle == null ? LifecycleConfig.defaults() : lifecycle;
        intake = intake == null ? IntakeConfig.none() : intake;
        detectors = detectors == null ? DetectorsConfig.defaults() : detectors;
        delivery = delivery == null ? DeliveryConfig.none() : delivery;
        retention = retention == null ? RetentionConfig.defaults() : retention;
        audit = audit == null ? AuditConfig.defaults() : audit;
        logging = logging == null ? LoggingConfig.defaults() : logging;
        disk = disk == null ? DiskConfig.defaults() : disk;
    }

    /** A configuration with the audit, logging and disk sections at their defaults. */
    public VirtGuardConfig(String dataDir, StoreSettings store, HttpConfig http, List<SourceConfig> sources,
                           PolicyConfig policy, ExposureConfig exposure, ResponseConfig response,
                           LifecycleConfig lifecycle, IntakeConfig intake, DetectorsConfig detectors,
                           DeliveryConfig delivery, RetentionConfig retention) {
        this(dataDir, store, http, sources, policy, exposure, response, lifecycle, intake, detectors, delivery,
                retention, null, null, null);
    }

    /** A configuration with only sources and a store: the rest at its defaults. */
    public VirtGuardConfig(String dataDir, StoreSettings store, List<SourceConfig> sources) {
        this(dataDir, store, null, sources, null, null, null, null, null, null, null, null);
    }

    public static VirtGuardConfig empty() {
        return new VirtGuardConfig(null, null, List.of());
    }
}

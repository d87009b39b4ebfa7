package org.virtguard.service.config;

import static org.virtguard.service.config.ConfigProblems.child;
import static org.virtguard.service.config.ConfigProblems.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.spi.SourceSpec;

/**
 * Checks a bound configuration as a whole, section by section, and reports every problem it finds. The flow and
 * syslog listeners, the detectors and the delivery targets have validators of their own.
 */
final class ConfigValidator {

    private static final java.time.Duration MIN_RETENTION = java.time.Duration.ofHours(1);
    private static final java.time.Duration MAX_RETENTION = java.time.Duration.ofDays(36_500);

    private final ValueChecks checks;
    private final ConfigProblems problems;

    private ConfigValidator(ValueChecks checks) {
        this.checks = checks;
        this.problems = checks.problems();
    }

    /** Reports every problem of {@code config} to {@code problems}. */
    static void validate(VirtGuardConfig config, ConfigProblems problems, FileChecks files) {
        ValueChecks checks = new ValueChecks(problems, files);
        ConfigValidator validator = new ConfigValidator(checks);
        if (config.dataDir() != null && config.dataDir().isBlank()) {
            problems.value("dataDir", "is empty");
        }
        validator.store(config.store());
        validator.http(config.http());
        validator.sources(config.sources());
        validator.files(config);
        if (files == FileChecks.CHECK) {
            validator.responsePolicy(config.response().policy());
        }
        checks.range("policy.exceptions.maxDays", config.policy().exceptions().maxDays(), 1, 3650);
        checks.range("policy.exceptions.minJustification", config.policy().exceptions().minJustification(), 1, 4000);
        validator.schedules(config.lifecycle(), config.retention());
        IntakeValidator.validate(config.intake(), checks);
        DetectorsValidator.validate(config.detectors(), checks);
        DeliveryValidator.validate(config.delivery(), checks);
        validator.audit(config.audit().checkpoints());
        OperationsValidator.validate(config.logging(), config.disk(), checks);
    }

    private void audit(AuditConfig.CheckpointConfig checkpoints) {
        String path = "audit.checkpoints";
        if (checkpoints.file() != null) {
            if (checkpoints.file().isBlank()) {
                problems.value(child(path, "file"), "is empty");
            } else {
                try {
                    if (java.nio.file.Files.isDirectory(java.nio.file.Path.of(checkpoints.file()))) {
                        problems.value(child(path, "file"), "is a directory, not a file");
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    problems.value(child(path, "file"), "is not a valid path");
                }
            }
        }
        java.time.Duration every = checks.duration(child(path, "every"), checkpoints.every());
        if (every != null && (every.compareTo(java.time.Duration.ofSeconds(1)) < 0
                || every.compareTo(java.time.Duration.ofDays(1)) > 0)) {
            problems.value(child(path, "every"), "must be between 1s and 1d");
        }
        checks.notBoth(path, "keyFile", checkpoints.keyFile(), "keyEnv", checkpoints.keyEnv());
        checks.envName(child(path, "keyEnv"), checkpoints.keyEnv());
        checks.file(child(path, "keyFile"), checkpoints.keyFile());
    }

    private void store(StoreSettings store) {
        if (store == null) {
            return;
        }
        if (store.url() != null && !store.url().startsWith("jdbc:")) {
            problems.value("store.url", "is not a JDBC URL (jdbc:…)");
        } else if (store.url() != null && (store.url().toLowerCase(java.util.Locale.ROOT).contains("password=")
                || SourceUris.containsEmbeddedSecret(store.url()))) {
            problems.value("store.url", "the JDBC URL contains a password; set VIRTGUARD_STORE_PASSWORD or "
                    + "store.passwordEnv / store.passwordFile instead");
        }
        checks.notBoth("store", "passwordEnv", store.passwordEnv(), "passwordFile", store.passwordFile());
        checks.envName("store.passwordEnv", store.passwordEnv());
        checks.file("store.passwordFile", store.passwordFile());
    }

    private void http(HttpConfig http) {
        checks.bindAddress("http.bind", http.bind());
        checks.port("http.port", http.port(), "TCP", true);
        TlsConfig tls = http.tls();
        if (tls != null) {
            checks.tls("http.tls", tls.keystore(), tls.passwordFile(), tls.passwordEnv());
        }
    }

    private void sources(List<SourceConfig> sources) {
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceConfig source = sources.get(i);
            String path = index("sources", i);
            if (!checks.required(child(path, "uri"), source.uri())) {
                continue;
            }
            if (SourceUris.containsEmbeddedSecret(source.uri())) {
                problems.value(child(path, "uri"), "the URI contains a password; give credentials through "
                        + "passwordEnv or passwordFile in the configuration file");
            }
            String id = source.id() != null ? source.id() : SourceSpec.defaultIdFor(source.uri());
            if (id.isBlank()) {
                problems.value(child(path, "id"), "is empty");
            }
            String previous = ids.putIfAbsent(id, path);
            if (previous != null) {
                problems.keySentence(child(path, source.id() != null ? "id" : "uri"), child(path, "id") + " "
                        + ConfigProblems.quote(id) + " is used by another source (" + previous + ")");
            }
            credentials(child(path, "credentials"), source.credentials());
        }
    }

    private void credentials(String path, CredentialConfig credentials) {
        if (credentials == null) {
            return;
        }
        checks.notBoth(path, "username", credentials.username(), "usernameEnv", credentials.usernameEnv());
        checks.notBoth(path, "passwordEnv", credentials.passwordEnv(), "passwordFile", credentials.passwordFile());
        checks.envName(child(path, "usernameEnv"), credentials.usernameEnv());
        checks.envName(child(path, "passwordEnv"), credentials.passwordEnv());
        checks.file(child(path, "passwordFile"), credentials.passwordFile());
    }

    private void files(VirtGuardConfig config) {
        checks.file("policy.zones", config.policy().zones());
        List<String> checksDirs = config.policy().checksDirs();
        for (int i = 0; i < checksDirs.size(); i++) {
            checks.directory(index("policy.checksDirs", i), checksDirs.get(i));
        }
        checks.file("exposure.kev", config.exposure().kev());
        List<String> advisories = config.exposure().advisories();
        for (int i = 0; i < advisories.size(); i++) {
            checks.file(index("exposure.advisories", i), advisories.get(i));
        }
        List<String> nvd = config.exposure().nvd();
        for (int i = 0; i < nvd.size(); i++) {
            if (isDirectory(nvd.get(i))) {
                checks.directory(index("exposure.nvd", i), nvd.get(i));
            } else {
                checks.file(index("exposure.nvd", i), nvd.get(i));
            }
        }
        List<String> builds = config.exposure().builds();
        for (int i = 0; i < builds.size(); i++) {
            checks.file(index("exposure.builds", i), builds.get(i));
        }
        java.time.Duration maxDataAge = checks.duration("exposure.maxDataAge", config.exposure().maxDataAge());
        if (maxDataAge != null && maxDataAge.compareTo(java.time.Duration.ofDays(3650)) > 0) {
            problems.value("exposure.maxDataAge", "must be at most 3650d");
        }
        checks.file("response.policy", config.response().policy());
    }

    private static boolean isDirectory(String name) {
        try {
            return name != null && !name.isBlank() && java.nio.file.Files.isDirectory(java.nio.file.Path.of(name));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * The response policy file read and validated as the service will read it (quarantine methods and networks,
     * triggers, templates), so that {@code config validate} reports what {@code serve} would refuse.
     */
    private void responsePolicy(String file) {
        if (file == null || file.isBlank()) {
            return;
        }
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            return;
        }
        if (!java.nio.file.Files.isRegularFile(path)) {
            return;
        }
        try {
            org.virtguard.response.ResponsePolicyLoader.load(path);
        } catch (IllegalArgumentException e) {
            problems.value("response.policy", e.getMessage());
        }
    }

    private void schedules(LifecycleConfig lifecycle, RetentionConfig retention) {
        checks.duration("lifecycle.resync", lifecycle.resync());
        checks.duration("lifecycle.dormantAfter", lifecycle.dormantAfter());
        retention.periods().forEach((key, value) -> {
            java.time.Duration period = checks.duration("retention." + key, value);
            if (period != null && period.compareTo(MIN_RETENTION) < 0) {
                problems.value("retention." + key, "must be at least 1h (m is minutes, not months)");
            } else if (period != null && period.compareTo(MAX_RETENTION) > 0) {
                problems.value("retention." + key, "must be at most 36500d");
            }
        });
    }
}

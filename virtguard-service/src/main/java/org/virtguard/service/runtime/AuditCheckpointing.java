package org.virtguard.service.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.virtguard.model.ErrorCode;
import org.virtguard.server.audit.AuditCheckpoint;
import org.virtguard.server.audit.AuditCheckpoints;
import org.virtguard.server.audit.CheckpointFile;
import org.virtguard.server.audit.CheckpointKey;
import org.virtguard.service.ServiceException;
import org.virtguard.service.config.AuditConfig;
import org.virtguard.service.config.Durations;
import org.virtguard.service.config.SecretReader;
import org.virtguard.store.security.AuditLog;

/**
 * Runs the audit checkpoints of one service: resolves the key and the file from the configuration, compares the
 * store with the checkpoints already written when it starts (a loss is logged loudly), then checkpoints the head
 * every {@code audit.checkpoints.every} and once more on {@link #close()}.
 */
public final class AuditCheckpointing implements AutoCloseable {

    /** The checkpoint file when none is configured. */
    public static final String DEFAULT_FILE = "audit-checkpoints.jsonl";
    /** The generated key when none is configured. */
    public static final String GENERATED_KEY_FILE = "audit-checkpoint.key";

    private final AuditCheckpoints checkpoints;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> log;
    private volatile boolean failing;

    private AuditCheckpointing(AuditCheckpoints checkpoints, Duration every, Consumer<String> log) {
        this.checkpoints = checkpoints;
        this.log = log;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("virtguard-audit-checkpoint"));
        scheduler.scheduleWithFixedDelay(this::checkpointNow, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the checkpoints, checks the store against them and starts the schedule.
     *
     * @param environment where {@code keyEnv} (or {@value AuditConfig#KEY_VARIABLE}) is read
     * @throws ServiceException when the key cannot be read or is too short, or the file cannot be read
     */
    public static AuditCheckpointing start(AuditConfig.CheckpointConfig config, Path dataDir, AuditLog audit,
                                           Map<String, String> environment, Clock clock, Consumer<String> log) {
        CheckpointKey key = key(config, dataDir, environment, log);
        Path file = config.file() != null ? Path.of(config.file()) : dataDir.resolve(DEFAULT_FILE);
        if (config.file() == null) {
            log.accept("audit checkpoints go to " + file + " (inside the data directory: set audit.checkpoints.file "
                    + "to a place whoever can change the store cannot rewrite)");
        }
        AuditCheckpoints checkpoints;
        try {
            checkpoints = new AuditCheckpoints(audit, new CheckpointFile(file), key, clock);
        } catch (IOException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "audit.checkpoints.file: cannot read " + file
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        checkpoints.quickCheck().ifPresent(problem -> log.accept("AUDIT LOG DOES NOT MATCH ITS CHECKPOINTS: "
                + problem + " (GET /api/v1/audit/verify tells the whole check)"));
        return new AuditCheckpointing(checkpoints, Durations.parse(config.every()), log);
    }

    public AuditCheckpoints checkpoints() {
        return checkpoints;
    }

    /** Sends each new checkpoint to {@code receiver} too (a syslog target's spool). */
    public void deliverTo(Consumer<AuditCheckpoint> receiver) {
        checkpoints.deliverTo(receiver);
    }

    /** Checkpoints the head now if it moved; failures are logged once until it works again. */
    public void checkpointNow() {
        try {
            checkpoints.checkpoint();
            if (failing) {
                failing = false;
                log.accept("audit checkpoints written again to " + checkpoints.file().path());
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.accept("cannot write an audit checkpoint (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); retrying");
            }
        }
    }

    private static CheckpointKey key(AuditConfig.CheckpointConfig config, Path dataDir,
                                     Map<String, String> environment, Consumer<String> log) {
        String secret;
        if (config.keyFile() != null || config.keyEnv() != null) {
            secret = SecretReader.fileOrEnvironment(config.keyFile(), config.keyEnv(), environment,
                    "audit.checkpoints");
        } else if (environment.get(AuditConfig.KEY_VARIABLE) != null) {
            secret = environment.get(AuditConfig.KEY_VARIABLE);
        } else {
            secret = generatedKey(dataDir.resolve(GENERATED_KEY_FILE), log);
        }
        try {
            return CheckpointKey.of(secret);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(ErrorCode.CREDENTIAL_UNAVAILABLE, "audit.checkpoints: " + e.getMessage());
        }
    }

    private static String generatedKey(Path file, Consumer<String> log) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String text = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n";
                try {
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))), text, StandardCharsets.UTF_8);
                } catch (UnsupportedOperationException e) {
                    Files.writeString(file, text, StandardCharsets.UTF_8);
                }
                log.accept("generated the audit checkpoint key " + file + "; configure audit.checkpoints.keyFile "
                        + "(or keyEnv) with a key kept away from the data directory and the SIEM's copy");
            }
            return SecretReader.firstLine(file);
        } catch (FileAlreadyExistsException e) {
            return generatedKey(file, log);
        } catch (IOException e) {
            throw ServiceException.invalid(ErrorCode.CREDENTIAL_UNAVAILABLE, "audit.checkpoints: cannot create or "
                    + "read the key " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Stops the schedule and writes the last checkpoint (call before the store closes). */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointNow();
    }
}

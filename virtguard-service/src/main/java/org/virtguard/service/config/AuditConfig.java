package org.virtguard.service.config;

/**
 * The audit log's protection outside the store.
 *
 * @param checkpoints signed checkpoints of the chain head (on unless configured otherwise: see
 *                    {@link CheckpointConfig})
 */
public record AuditConfig(CheckpointConfig checkpoints) {

    /** Environment variable read for the checkpoint key when neither {@code keyFile} nor {@code keyEnv} is set. */
    public static final String KEY_VARIABLE = "VIRTGUARD_AUDIT_CHECKPOINT_KEY";

    public AuditConfig {
        checkpoints = checkpoints == null ? CheckpointConfig.defaults() : checkpoints;
    }

    public static AuditConfig defaults() {
        return new AuditConfig(null);
    }

    /**
     * Signed checkpoints of the audit chain's head, written to a file and sent to every {@code delivery.syslog}
     * target, periodically and on shutdown; {@code audit verify} compares the store with them.
     *
     * @param file    the checkpoint file (default {@code <dataDir>/audit-checkpoints.jsonl}; it belongs on another
     *                disk or host than the store, where whoever can change the store cannot rewrite it)
     * @param every   how often the head is checkpointed when it moved (default {@code 1m})
     * @param keyFile file holding the HMAC-SHA256 key (first line, at least 32 characters)
     * @param keyEnv  environment variable holding it; with neither, {@value AuditConfig#KEY_VARIABLE} if set, else a
     *                key generated once into {@code <dataDir>/audit-checkpoint.key}
     */
    public record CheckpointConfig(String file, String every, String keyFile, String keyEnv) {

        public CheckpointConfig {
            every = every == null ? "1m" : every;
        }

        public static CheckpointConfig defaults() {
            return new CheckpointConfig(null, null, null, null);
        }
    }
}

package org.virtguard.server.audit;

import java.time.Instant;

import org.virtguard.store.security.AuditHead;
import org.virtguard.store.security.AuditVerification;

/**
 * What {@code audit verify} answers: whether the hash chain's links are intact ({@code valid}, as before) and
 * whether the store still holds what the signed checkpoints outside it recorded ({@code status}).
 *
 * @param status              {@link Status#label()}: {@code intact} only when the chain is intact and the newest
 *                            checkpoint's entry is there with its hash
 * @param valid               whether every entry links to the one before and matches its hash (chain links intact)
 * @param entriesChecked      how many entries were read
 * @param firstBadSeq         the first entry whose link or hash is wrong, or {@code 0}
 * @param problem             what is wrong with the chain, or {@code null}
 * @param headSeq             the newest entry as recorded by the store
 * @param headHash            its hash
 * @param firstMissingSeq     the first entry a checkpoint confirmed that the store no longer has, or {@code 0}
 * @param firstChangedSeq     the first entry from which on the store differs from what a checkpoint confirmed (the
 *                            entry after the last checkpoint that still matches), or {@code 0}
 * @param checkpoint          the newest checkpoint with a valid signature, or {@code null}
 * @param checkpointsChecked  how many checkpoints with a valid signature were compared
 * @param checkpointsRejected how many lines of the checkpoint file were not valid, signed checkpoints
 * @param checkpointProblem   what the checkpoints show, or {@code null} when they all match
 * @param message             one sentence for people
 */
public record AuditCheck(String status, boolean valid, long entriesChecked, long firstBadSeq, String problem,
                         long headSeq, String headHash, long firstMissingSeq, long firstChangedSeq,
                         CheckpointView checkpoint, int checkpointsChecked, int checkpointsRejected,
                         String checkpointProblem, String message) {

    /** Whether the log is intact and anchored by a matching checkpoint. */
    public boolean intact() {
        return Status.INTACT.label().equals(status);
    }

    /** The outcomes of a check, worst first. */
    public enum Status {
        /** An entry does not link to the one before or does not match its hash. */
        CHAIN_BROKEN("chain-broken"),
        /** Entries a checkpoint confirmed were replaced (a rollback, or a truncation followed by new entries). */
        ENTRIES_CHANGED("entries-changed"),
        /** Entries a checkpoint confirmed are gone from the end of the log (a truncation). */
        ENTRIES_MISSING("entries-missing"),
        /** The checkpoint file holds lines that are not checkpoints signed with the configured key. */
        CHECKPOINT_INVALID("checkpoint-invalid"),
        /** No signed checkpoint to compare with: a cut-off end of the log could not be seen. */
        UNANCHORED("unanchored"),
        /** The chain is intact and holds the newest checkpoint's entry with its hash. */
        INTACT("intact");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A checkpoint as shown to callers.
     *
     * @param seq      the entry it names
     * @param headHash that entry's hash then
     * @param at       when it was taken
     */
    public record CheckpointView(long seq, String headHash, Instant at) {
        static CheckpointView of(AuditCheckpoint c) {
            return c == null ? null : new CheckpointView(c.seq(), c.headHash(), c.at());
        }
    }

    static AuditCheck of(AuditVerification chain, AuditHead head, CheckpointComparison compared) {
        Status status;
        String message;
        if (!chain.valid()) {
            status = Status.CHAIN_BROKEN;
            message = "The audit chain is broken at entry " + chain.firstBadSeq() + ": " + chain.problem();
        } else if (compared.firstChangedSeq() > 0) {
            status = Status.ENTRIES_CHANGED;
            message = "The audit log differs from its checkpoints from entry " + compared.firstChangedSeq()
                    + " on: " + compared.problem();
        } else if (compared.firstMissingSeq() > 0) {
            status = Status.ENTRIES_MISSING;
            message = "The audit log is missing entries from entry " + compared.firstMissingSeq() + " on: "
                    + compared.problem();
        } else if (compared.rejected() > 0) {
            status = Status.CHECKPOINT_INVALID;
            message = compared.problem();
        } else if (compared.newest() == null) {
            status = Status.UNANCHORED;
            message = "The audit chain is intact, but " + compared.problem();
        } else {
            status = Status.INTACT;
            message = "The audit chain is intact and holds checkpoint entry " + compared.newest().seq() + " of "
                    + compared.newest().at() + ".";
        }
        return new AuditCheck(status.label(), chain.valid(), chain.entriesChecked(), chain.firstBadSeq(),
                chain.problem(), head.seq(), head.hash(), compared.firstMissingSeq(), compared.firstChangedSeq(),
                CheckpointView.of(compared.newest()), compared.checked(), compared.rejected(),
                compared.problem(), message);
    }
}

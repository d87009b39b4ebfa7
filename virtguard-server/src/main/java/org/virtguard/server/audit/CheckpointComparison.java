package org.virtguard.server.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.virtguard.store.security.AuditHead;

/**
 * The signed checkpoints compared with what the store holds. Every checkpoint names an entry and its hash; since each
 * entry's hash covers the one before, an entry that still has its checkpointed hash vouches for every entry before
 * it. So the first checkpoint whose entry now has another hash (or is gone below the head) marks a change after the
 * last checkpoint that still matches, and a checkpoint beyond the head marks entries cut off the end.
 *
 * @param newest          the newest valid checkpoint (highest entry, then latest), or {@code null}
 * @param checked         how many valid checkpoints were compared
 * @param rejected        how many lines were not valid signed checkpoints
 * @param firstMissingSeq the entry after the head when a checkpoint names a later one, else {@code 0}
 * @param firstChangedSeq the entry after the last matching checkpoint when a checkpoint does not match, else {@code 0}
 * @param problem         what was found, or {@code null} when every checkpoint matches
 */
record CheckpointComparison(AuditCheckpoint newest, int checked, int rejected, long firstMissingSeq,
                            long firstChangedSeq, String problem) {

    /**
     * Compares {@code checkpoints} (valid signatures only) with {@code head} and {@code stored}, the store's hashes
     * of the checkpointed entries that exist.
     *
     * @param rejectedNote where the first rejected line is, or {@code null} when none was rejected
     */
    static CheckpointComparison of(Collection<AuditCheckpoint> checkpoints, int rejected, String rejectedNote,
                                   AuditHead head, Map<Long, String> stored, String unanchoredReason) {
        List<AuditCheckpoint> bySeq = new ArrayList<>(checkpoints);
        bySeq.sort(Comparator.comparingLong(AuditCheckpoint::seq).thenComparing(AuditCheckpoint::at));
        AuditCheckpoint newest = bySeq.isEmpty() ? null : bySeq.getLast();
        List<String> problems = new ArrayList<>();
        long firstMissing = 0;
        if (newest != null && newest.seq() > head.seq()) {
            firstMissing = head.seq() + 1;
            problems.add("the checkpoint of " + newest.at() + " names entry " + newest.seq() + " but the log ends at "
                    + "entry " + head.seq() + " (entries " + firstMissing + " to " + newest.seq() + " are missing)");
        }
        long lastMatching = 0;
        AuditCheckpoint firstMismatch = null;
        for (AuditCheckpoint c : bySeq) {
            if (c.seq() > head.seq()) {
                break;
            }
            if (c.headHash().equals(stored.get(c.seq()))) {
                if (firstMismatch == null) {
                    lastMatching = c.seq();
                }
            } else if (firstMismatch == null) {
                firstMismatch = c;
            }
        }
        long firstChanged = 0;
        if (firstMismatch != null) {
            firstChanged = lastMatching + 1;
            problems.add("entry " + firstMismatch.seq() + (stored.containsKey(firstMismatch.seq())
                    ? " has another hash than" : " is gone, but was confirmed by") + " the checkpoint of "
                    + firstMismatch.at() + "; the log matches its checkpoints up to entry " + lastMatching);
        }
        if (rejected > 0) {
            problems.add(rejected + " line(s) of the checkpoint file are not checkpoints signed with the configured key"
                    + " (first: " + rejectedNote + ")");
        }
        if (newest == null && rejected == 0) {
            problems.add(unanchoredReason);
        }
        return new CheckpointComparison(newest, bySeq.size(), rejected, firstMissing, firstChanged,
                problems.isEmpty() ? null : String.join("; ", problems));
    }
}

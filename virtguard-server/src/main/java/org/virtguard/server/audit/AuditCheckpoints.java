package org.virtguard.server.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.virtguard.store.security.AuditHead;
import org.virtguard.store.security.AuditLog;
import org.virtguard.store.security.AuditVerification;

/**
 * Anchors the audit log outside the store: {@link #checkpoint()} signs the chain head and appends it to the
 * checkpoint file (forced to the disk) and hands it to every receiver (the syslog/SIEM targets); {@link #verify()}
 * checks the chain and compares it with every checkpoint in the file, so a truncated or rolled-back log is reported
 * with the entry from which on it is missing or changed. Thread-safe.
 */
public final class AuditCheckpoints {

    private static final String NOT_CONFIGURED = "no audit checkpoints are configured, so entries cut off the end of "
            + "the log could not be seen";

    private final AuditLog audit;
    private final CheckpointFile file;
    private final CheckpointKey key;
    private final Clock clock;
    private final List<Consumer<AuditCheckpoint>> receivers = new CopyOnWriteArrayList<>();
    private AuditHead lastWritten;

    /**
     * Checkpoints of {@code audit} in {@code file}, signed with {@code key}; the newest valid checkpoint already in
     * the file counts as written.
     */
    public AuditCheckpoints(AuditLog audit, CheckpointFile file, CheckpointKey key, Clock clock) throws IOException {
        this.audit = audit;
        this.file = file;
        this.key = key;
        this.clock = clock;
        List<AuditCheckpoint> valid = read().valid();
        AuditCheckpoint newest = valid.isEmpty() ? null : valid.getLast();
        this.lastWritten = newest == null ? null : new AuditHead(newest.seq(), newest.headHash());
    }

    /** Also hands every new checkpoint to {@code receiver} (after it is in the file). */
    public void deliverTo(Consumer<AuditCheckpoint> receiver) {
        receivers.add(receiver);
    }

    public CheckpointFile file() {
        return file;
    }

    /**
     * Signs the current head and writes it, unless the log is empty or the head was already checkpointed.
     *
     * @return the checkpoint written, or empty
     * @throws IOException when the file cannot be written (the store's failures are thrown as they come)
     */
    public synchronized Optional<AuditCheckpoint> checkpoint() throws IOException {
        AuditHead head = audit.head();
        if (head.seq() == 0 || head.equals(lastWritten)) {
            return Optional.empty();
        }
        AuditCheckpoint checkpoint = key.sign(head.seq(), head.hash(), clock.instant());
        file.append(checkpoint);
        lastWritten = head;
        for (Consumer<AuditCheckpoint> receiver : receivers) {
            receiver.accept(checkpoint);
        }
        return Optional.of(checkpoint);
    }

    /** The whole check: the chain's links, then every signed checkpoint against the store. */
    public AuditCheck verify() {
        AuditVerification chain = audit.verify();
        return AuditCheck.of(chain, audit.head(), compare());
    }

    /**
     * Only the checkpoints against the store, without reading the whole chain (cheap enough for every start).
     *
     * @return what is wrong, or empty when every checkpoint matches (or there are none)
     */
    public Optional<String> quickCheck() {
        CheckpointComparison compared = compare();
        return compared.firstChangedSeq() > 0 || compared.firstMissingSeq() > 0 || compared.rejected() > 0
                ? Optional.of(compared.problem()) : Optional.empty();
    }

    private CheckpointComparison compare() {
        AuditHead head = audit.head();
        Read read;
        try {
            read = read();
        } catch (IOException e) {
            return new CheckpointComparison(null, 0, 1, 0, 0, "the checkpoint file " + file.path()
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<Long, String> stored = audit.hashesAt(read.valid().stream().map(AuditCheckpoint::seq)
                .filter(seq -> seq <= head.seq()).toList());
        return CheckpointComparison.of(read.valid(), read.rejected(), read.firstRejected(), head, stored,
                "no checkpoint has been written yet (the first is written when the log has an entry)");
    }

    /** The chain alone, for a server without checkpoints: never {@code intact}, since nothing anchors its end. */
    public static AuditCheck verifyUnanchored(AuditLog audit) {
        AuditVerification chain = audit.verify();
        AuditHead head = audit.head();
        return AuditCheck.of(chain, head, CheckpointComparison.of(List.of(), 0, null, head, Map.of(), NOT_CONFIGURED));
    }

    private Read read() throws IOException {
        List<AuditCheckpoint> valid = new ArrayList<>();
        int rejected = 0;
        String firstRejected = null;
        for (CheckpointFile.Line line : file.lines()) {
            if (line.text().isBlank()) {
                continue;
            }
            String why;
            try {
                AuditCheckpoint c = AuditCheckpoint.parse(line.text());
                if (key.verifies(c)) {
                    valid.add(c);
                    continue;
                }
                why = "its signature does not verify";
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            rejected++;
            if (firstRejected == null) {
                firstRejected = line.file().getFileName() + " line " + line.number() + ": " + why;
            }
        }
        return new Read(valid, rejected, firstRejected);
    }

    private record Read(List<AuditCheckpoint> valid, int rejected, String firstRejected) {
    }
}

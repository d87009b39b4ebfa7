package org.virtguard.server.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.virtguard.store.findings.FindingChange;
import org.virtguard.store.findings.FindingRepository;

/**
 * Copies the finding events of every evaluation recorded in the store into a {@link DiskSpool}, in recording
 * order, with the same rules as {@link FindingForwarder} (failing findings opened, findings resolved whose last
 * status was failing). Each evaluation writes its changes in the transaction that records it, and this forwarder's
 * cursor (the last change handled) is kept in a file next to the spool, so neither a crash between recording and
 * spooling nor a restart loses an event. The cursor is saved after the events were spooled: a crash in between
 * spools them again (at-least-once). When the spool is full, forwarding stops at the first event refused and the
 * next call starts from it.
 */
public final class StoredFindingForwarder {

    private static final int BATCH = 1000;

    private final FindingRepository findings;
    private final DiskSpool spool;
    private final SeqCursor cursorFile;
    private final Function<FindingEvent, String> format;
    private final Consumer<String> log;
    private long cursor;

    /**
     * @param cursorFile where the cursor is kept; without it every stored event is spooled (at most 90 days)
     * @param format     how an event is written into the spool (JSON for webhooks, a syslog line for syslog)
     */
    public StoredFindingForwarder(FindingRepository findings, DiskSpool spool, Path cursorFile,
                                  Function<FindingEvent, String> format, Consumer<String> log) {
        this.findings = findings;
        this.spool = spool;
        this.cursorFile = new SeqCursor(cursorFile);
        this.format = format;
        this.log = log;
        this.cursor = this.cursorFile.read(log);
        long last = findings.lastChangeSeq();
        if (cursor > last) {
            log.accept("delivery cursor " + cursorFile + " is ahead of the store's finding events (" + cursor + " > "
                    + last + ": a new or restored database); resending from the start");
            this.cursor = 0;
        }
    }

    /**
     * Forwards the events recorded since the last call; stops early when the spool is full.
     *
     * @return how many events were spooled
     */
    public synchronized int forward() throws IOException {
        int spooled = 0;
        long saved = cursor;
        try {
            List<FindingChange> batch;
            do {
                batch = findings.changesAfter(cursor, BATCH);
                for (FindingChange change : batch) {
                    Optional<FindingEvent> event = FindingEvent.ifNews(eventName(change), change.evaluatedAt(),
                            change.finding());
                    if (event.isPresent()) {
                        if (!spool.offer(format.apply(event.get()))) {
                            log.accept("delivery spool full: finding events from the evaluation at "
                                    + change.evaluatedAt() + " on wait for the receiver to recover");
                            return spooled;
                        }
                        spooled++;
                    }
                    cursor = change.seq();
                }
            } while (batch.size() == BATCH);
            return spooled;
        } finally {
            if (cursor != saved) {
                cursorFile.write(cursor);
            }
        }
    }

    /** The last stored change handled (spooled, or not news). */
    public synchronized long cursor() {
        return cursor;
    }

    private static String eventName(FindingChange change) {
        return switch (change.kind()) {
            case OPENED -> FindingEvent.OPENED;
            case RESOLVED -> FindingEvent.RESOLVED;
        };
    }
}

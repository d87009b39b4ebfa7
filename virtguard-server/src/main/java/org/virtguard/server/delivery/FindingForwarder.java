package org.virtguard.server.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.virtguard.store.findings.ScanRecord;

/**
 * Spools what an evaluation changed as finding events: failing findings that are new or came back
 * ({@link FindingEvent#OPENED}) and findings no longer reported ({@link FindingEvent#RESOLVED}). Findings that are
 * excepted or not collected are not news; a resolved finding is reported when its last status was failing.
 * This forwarder works on the evaluation it is handed and keeps nothing; {@code serve} uses
 * {@link StoredFindingForwarder}, which reads the events back from the store and survives a crash.
 */
public final class FindingForwarder {

    private final DiskSpool spool;
    private final Function<FindingEvent, String> format;
    private final Consumer<String> log;

    /**
     * @param format how an event is written into the spool (JSON for webhooks, a syslog line for syslog)
     */
    public FindingForwarder(DiskSpool spool, Function<FindingEvent, String> format, Consumer<String> log) {
        this.spool = spool;
        this.format = format;
        this.log = log;
    }

    /** The events of one recorded evaluation, opened first, each list in the store's order. */
    public static List<FindingEvent> events(ScanRecord record, Instant at) {
        List<FindingEvent> events = new ArrayList<>();
        record.opened().forEach(f -> FindingEvent.ifNews(FindingEvent.OPENED, at, f).ifPresent(events::add));
        record.closed().forEach(f -> FindingEvent.ifNews(FindingEvent.RESOLVED, at, f).ifPresent(events::add));
        return events;
    }

    /**
     * Spools the events of one evaluation; when the spool is full the rest are counted by the spool and logged.
     *
     * @return how many events were spooled
     */
    public synchronized int forward(ScanRecord record, Instant at) throws IOException {
        int spooled = 0;
        List<FindingEvent> events = events(record, at);
        for (FindingEvent e : events) {
            if (!spool.offer(format.apply(e))) {
                log.accept("delivery spool full: " + (events.size() - spooled) + " finding events of the evaluation at "
                        + at + " dropped");
                break;
            }
            spooled++;
        }
        return spooled;
    }
}

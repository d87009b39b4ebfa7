package org.virtguard.server.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.virtguard.store.InventoryJson;
import org.virtguard.store.alerts.AlertChangeCursor;
import org.virtguard.store.alerts.AlertRepository;
import org.virtguard.store.alerts.ChangedAlert;
import org.virtguard.store.alerts.StoredAlert;

/**
 * Copies alerts that were raised or updated since the last run into a {@link DiskSpool}, in the order they were
 * written to the store (not the order of their evidence: an alert written late, after a database outage or from a
 * late log line, is still forwarded). Its cursor (the position of the last write forwarded) is kept in a file next
 * to the spool and written after each spooled alert, so a restart resumes where it stopped; a crash between
 * spooling and writing the cursor forwards that alert twice (at-least-once).
 */
public final class AlertForwarder {

    private static final int BATCH = 1000;

    private final AlertRepository alerts;
    private final DiskSpool spool;
    private final Path cursorFile;
    private final Consumer<String> log;
    private final Function<StoredAlert, String> format;
    private AlertChangeCursor cursor;
    /** A cursor file from before writes were numbered: alerts from then, seen before this, were forwarded. */
    private Instant legacyCursor;

    /** Spools each alert as JSON (for webhooks). */
    public AlertForwarder(AlertRepository alerts, DiskSpool spool, Path cursorFile, Consumer<String> log) {
        this(alerts, spool, cursorFile, log, InventoryJson::write);
    }

    /**
     * Spools each alert as {@code format} writes it (e.g. a syslog line from {@link SyslogFormats}).
     */
    public AlertForwarder(AlertRepository alerts, DiskSpool spool, Path cursorFile, Consumer<String> log,
                          Function<StoredAlert, String> format) {
        this.format = format;
        this.alerts = alerts;
        this.spool = spool;
        this.cursorFile = cursorFile;
        this.log = log;
        this.cursor = readCursor();
    }

    /**
     * Forwards what is new; stops early when the spool is full.
     *
     * @return how many alerts were spooled
     */
    public synchronized int forward() throws IOException {
        int spooled = 0;
        while (true) {
            List<ChangedAlert> fresh = alerts.changedAfter(cursor, BATCH);
            for (ChangedAlert changed : fresh) {
                StoredAlert a = changed.alert();
                boolean forwardedBefore = legacyCursor != null && changed.cursor().seq() == 0
                        && a.alert().lastSeen().isBefore(legacyCursor);
                if (!forwardedBefore) {
                    if (!spool.offer(format.apply(a))) {
                        log.accept("delivery spool full: alert " + a.alert().key()
                                + " waits for the receiver to recover");
                        return spooled;
                    }
                    spooled++;
                }
                cursor = changed.cursor();
                Files.writeString(cursorFile, cursor.text(), StandardCharsets.UTF_8);
            }
            if (fresh.size() < BATCH) {
                return spooled;
            }
        }
    }

    private AlertChangeCursor readCursor() {
        if (!Files.exists(cursorFile)) {
            return AlertChangeCursor.START;
        }
        String text;
        try {
            text = Files.readString(cursorFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            log.accept("cannot read delivery cursor " + cursorFile + " (" + e.getMessage() + "); resending all alerts");
            return AlertChangeCursor.START;
        }
        try {
            return AlertChangeCursor.parse(text);
        } catch (IllegalArgumentException notNumbered) {
            try {
                legacyCursor = Instant.parse(text);
            } catch (DateTimeParseException e) {
                log.accept("cannot read delivery cursor " + cursorFile + " ('" + text + "'); resending all alerts");
            }
            return AlertChangeCursor.START;
        }
    }
}

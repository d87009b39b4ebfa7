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
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.AlertRepository;
import org.virtguard.store.alerts.StoredAlert;

/**
 * Copies alerts that were raised or updated since the last run into a {@link DiskSpool}, oldest first. Its
 * cursor (the newest {@code lastSeen} forwarded) is kept in a file next to the spool, so a restart resumes
 * where it stopped; an alert seen at the cursor instant may be forwarded twice (at-least-once).
 */
public final class AlertForwarder {

    private static final int BATCH = 1000;

    private final AlertRepository alerts;
    private final DiskSpool spool;
    private final Path cursorFile;
    private final Consumer<String> log;
    private final Function<StoredAlert, String> format;
    private Instant cursor;

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
        List<StoredAlert> fresh = alerts.list(new AlertQuery(null, null, cursor, null, BATCH));
        int spooled = 0;
        for (int i = fresh.size() - 1; i >= 0; i--) {
            StoredAlert a = fresh.get(i);
            if (!spool.offer(format.apply(a))) {
                log.accept("delivery spool full: alert " + a.alert().key() + " waits for the receiver to recover");
                break;
            }
            spooled++;
            cursor = a.alert().lastSeen();
            Files.writeString(cursorFile, cursor.toString(), StandardCharsets.UTF_8);
        }
        return spooled;
    }

    private Instant readCursor() {
        try {
            return Files.exists(cursorFile) ? Instant.parse(Files.readString(cursorFile, StandardCharsets.UTF_8).strip())
                    : null;
        } catch (IOException | DateTimeParseException e) {
            log.accept("cannot read delivery cursor " + cursorFile + " (" + e.getMessage() + "); resending all alerts");
            return null;
        }
    }
}

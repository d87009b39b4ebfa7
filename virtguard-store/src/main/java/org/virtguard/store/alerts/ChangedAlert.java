package org.virtguard.store.alerts;

/**
 * An alert as of one write, with that write's position.
 *
 * @param cursor where this write stands in the order of writes
 * @param alert  the alert after the write
 */
public record ChangedAlert(AlertChangeCursor cursor, StoredAlert alert) {
}

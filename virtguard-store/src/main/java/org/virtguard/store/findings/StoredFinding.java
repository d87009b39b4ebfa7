package org.virtguard.store.findings;

import java.time.Instant;

import org.virtguard.model.Finding;

/**
 * A finding with its history.
 *
 * @param finding    the latest result
 * @param firstSeen  the first scan that reported it
 * @param lastSeen   the latest scan that reported it
 * @param resolvedAt the scan that no longer reported it, or {@code null} while open
 */
public record StoredFinding(Finding finding, Instant firstSeen, Instant lastSeen, Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }
}

package org.virtguard.server.views;

import java.time.Instant;

/**
 * Where a policy scan is.
 *
 * @param id         the scan's id
 * @param state      {@code RUNNING}, {@code FINISHED} or {@code FAILED}
 * @param evaluated  resources evaluated so far
 * @param total      resources to evaluate
 * @param startedAt  start time
 * @param finishedAt end time, or {@code null} while running
 * @param message    a failure reason or summary, or {@code null}
 */
public record ScanProgress(String id, String state, long evaluated, long total, Instant startedAt,
                           Instant finishedAt, String message) {
}

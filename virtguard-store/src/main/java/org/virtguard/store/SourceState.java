package org.virtguard.store;

import java.time.Instant;

import org.virtguard.model.ErrorCode;

/**
 * What the store knows about one inventory source.
 *
 * @param id                 the source id
 * @param lastSuccessfulSync when a snapshot of it was last applied, or {@code null}
 * @param stale              whether its data is stale (last read failed or its live feed is down)
 * @param staleSince         when it became stale, or {@code null}
 * @param lastErrorCode      the error of the last failed read since the last success, or {@code null}
 * @param lastErrorMessage   that error's message, or {@code null}
 * @param lastErrorAt        when that error happened, or {@code null}
 */
public record SourceState(String id, Instant lastSuccessfulSync, boolean stale, Instant staleSince,
                          ErrorCode lastErrorCode, String lastErrorMessage, Instant lastErrorAt) {
}

package org.virtguard.store;

import java.util.Objects;

import org.virtguard.model.ErrorCode;

/**
 * A source that could not be read during a sync run.
 *
 * @param sourceId the source
 * @param code     what went wrong
 * @param message  one line for an operator
 */
public record SourceFailure(String sourceId, ErrorCode code, String message) {
    /** Requires a source id and a code; a missing message becomes empty. */
    public SourceFailure {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }
}

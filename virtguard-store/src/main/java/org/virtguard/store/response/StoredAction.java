package org.virtguard.store.response;

import java.time.Instant;
import java.util.List;

/**
 * A response action with its decision and outcome.
 *
 * @param decidedBy  who approved, rejected or cancelled it, or {@code null}; {@code system} for expiry
 * @param finishedAt when it was carried out or failed, or {@code null}
 * @param outcome    the steps carried out, or the error, one line each
 */
public record StoredAction(long id, ActionRequest request, ActionStatus status, String decidedBy, Instant decidedAt,
                           String decisionNote, Instant finishedAt, List<String> outcome) {
    public StoredAction {
        outcome = List.copyOf(outcome == null ? List.of() : outcome);
    }
}

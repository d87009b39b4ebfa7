package org.virtguard.store;

import java.util.Map;

import org.virtguard.model.ChangeType;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.ObjectType;

/** Stale and recovered transitions of sources, each logged once. */
final class SourceHealth {

    private final SourceRows rows;
    private final Map<String, SourceState> states;
    private final ChangeLog log;

    /**
     * @param states the sources' states as locked at the start of the transaction
     */
    SourceHealth(SourceRows rows, Map<String, SourceState> states, ChangeLog log) {
        this.rows = rows;
        this.states = states;
        this.log = log;
    }

    /** A snapshot of the source was applied. */
    void synced(String sourceId) {
        if (state(sourceId).stale()) {
            log.add(sourceId, ObjectType.SOURCE, sourceId, sourceId, ChangeType.SOURCE_RECOVERED);
        }
        rows.synced(sourceId, log.at());
    }

    /** The source could not be read, or its live feed broke. */
    void failed(String sourceId, ErrorCode code, String message) {
        SourceState state = state(sourceId);
        if (state.stale()) {
            rows.failed(sourceId, code, message, state.staleSince(), log.at());
            return;
        }
        rows.failed(sourceId, code, message, log.at(), log.at());
        log.add(sourceId, ObjectType.SOURCE, sourceId, sourceId, ChangeType.SOURCE_STALE, null, null,
                code.name() + ": " + message);
    }

    /** The live feed is back. */
    void liveRestored(String sourceId) {
        if (state(sourceId).stale()) {
            rows.recovered(sourceId);
            log.add(sourceId, ObjectType.SOURCE, sourceId, sourceId, ChangeType.SOURCE_RECOVERED);
        }
    }

    private SourceState state(String sourceId) {
        SourceState state = states.get(sourceId);
        if (state == null) {
            throw new IllegalStateException("source " + sourceId + " was not locked");
        }
        return state;
    }
}

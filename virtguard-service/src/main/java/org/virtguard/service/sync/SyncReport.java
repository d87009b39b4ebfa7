package org.virtguard.service.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.virtguard.store.SyncOutcome;

/** What a sync run did. */
public record SyncReport(List<SourceResult> results, SyncOutcome outcome, Instant started, Instant finished) {

    public boolean anyFailed() {
        return results.stream().anyMatch(r -> !r.succeeded());
    }

    public boolean allFailed() {
        return !results.isEmpty() && results.stream().noneMatch(SourceResult::succeeded);
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }
}

package org.virtguard.service.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.virtguard.model.ErrorCode;
import org.virtguard.service.sync.SourceResult;
import org.virtguard.service.sync.SyncReport;

/**
 * Each source's last full sync as readiness shows it: {@code fresh} (the last sync succeeded, recently enough),
 * {@code stale} (it succeeded, but longer ago than the staleness limit: syncs stopped or take too long),
 * {@code failed} (the last attempt failed; its data is kept, as of the last success) or {@code pending} (not tried
 * yet). Thread-safe; read from memory only.
 */
public final class SourceFreshness {

    /** A source's state. */
    public enum State {
        FRESH, STALE, FAILED, PENDING;

        /** The JSON text, e.g. {@code fresh}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What readiness shows for one source.
     *
     * @param state       fresh, stale, failed or pending
     * @param lastSuccess the end of the last successful sync, or {@code null} for never
     * @param lastAttempt the end of the last sync attempt, or {@code null} for never
     * @param error       the last attempt's error code when it failed, else {@code null}
     */
    public record Status(State state, Instant lastSuccess, Instant lastAttempt, ErrorCode error) {
    }

    private record Entry(Instant lastSuccess, Instant lastAttempt, ErrorCode error) {
    }

    private final List<String> sources;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param sources the configured source ids, in configuration order */
    public SourceFreshness(List<String> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Records a sync run's results; each source's attempt ends when the run does. */
    public void record(SyncReport report) {
        Instant at = report.finished();
        for (SourceResult r : report.results()) {
            entries.compute(r.sourceId(), (id, old) -> new Entry(r.succeeded() ? at : old == null ? null
                    : old.lastSuccess(), at, r.succeeded() ? null : r.error()));
        }
    }

    /**
     * Every configured source's status at {@code now}.
     *
     * @param staleAfter a source whose last success is older than this is stale
     */
    public Map<String, Status> statuses(Instant now, Duration staleAfter) {
        Map<String, Status> result = new LinkedHashMap<>();
        for (String id : sources) {
            Entry e = entries.get(id);
            State state;
            if (e == null) {
                state = State.PENDING;
            } else if (e.error() != null || e.lastSuccess() == null) {
                state = State.FAILED;
            } else if (Duration.between(e.lastSuccess(), now).compareTo(staleAfter) > 0) {
                state = State.STALE;
            } else {
                state = State.FRESH;
            }
            result.put(id, e == null ? new Status(state, null, null, null)
                    : new Status(state, e.lastSuccess(), e.lastAttempt(), e.error()));
        }
        return result;
    }
}

package org.virtguard.service.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.virtguard.model.InventorySnapshot;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.SourceFailure;
import org.virtguard.store.SyncOutcome;

/**
 * One sync run: collect every source, then apply all snapshots and failures to the store in one
 * transaction. A failed source keeps what the store already holds (marked stale).
 */
public final class InventorySyncService {

    private final SourceCollector collector;
    private final Clock clock;

    public InventorySyncService(SourceCollector collector, Clock clock) {
        this.collector = collector;
        this.clock = clock;
    }

    public SyncReport sync(List<ConfiguredSource> sources, InventoryRepository repository) {
        Instant started = clock.instant();
        List<SourceResult> results = collector.collectAll(sources);
        List<InventorySnapshot> snapshots = new ArrayList<>();
        List<SourceFailure> failures = new ArrayList<>();
        for (SourceResult result : results) {
            if (result.succeeded()) {
                snapshots.add(result.snapshot());
            } else {
                failures.add(new SourceFailure(result.sourceId(), result.error(), result.message()));
            }
        }
        SyncOutcome outcome = repository.applySync(snapshots, failures, clock.instant());
        return new SyncReport(results, outcome, started, clock.instant());
    }
}

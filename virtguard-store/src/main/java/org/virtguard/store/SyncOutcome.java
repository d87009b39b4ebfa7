package org.virtguard.store;

import java.time.Instant;
import java.util.List;

import org.virtguard.model.InventoryChange;

/**
 * What one {@link InventoryRepository#applySync} run did. Object counts cover hosts, VMs, networks, sites,
 * clusters and traffic filters; vNICs are counted with their VM.
 *
 * @param runId         store-assigned id of the run
 * @param at            when the run was applied
 * @param syncedSources sources whose snapshots were applied
 * @param failedSources sources that failed and are now stale
 * @param changes       the logged changes, in log order
 * @param written       objects inserted or rewritten (new, changed, moved or reappeared)
 * @param unchanged     objects whose content was identical; only their last-seen time moved
 * @param removed       objects marked removed
 */
public record SyncOutcome(long runId, Instant at, List<String> syncedSources, List<String> failedSources,
                          List<InventoryChange> changes, int written, int unchanged, int removed) {
    public SyncOutcome {
        syncedSources = List.copyOf(syncedSources);
        failedSources = List.copyOf(failedSources);
        changes = List.copyOf(changes);
    }
}

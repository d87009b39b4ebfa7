package org.virtguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jdbi.v3.core.Handle;

/** One {@link InventoryRepository#applySync} run inside its transaction. */
final class SyncRun {

    static final String KIND = "SYNC";

    private final Handle handle;
    private final ChangeLog log;

    SyncRun(Handle handle, Instant at) {
        this.handle = handle;
        this.log = new ChangeLog(at);
    }

    SyncOutcome apply(SyncInput input, List<SourceFailure> failures) {
        Instant at = log.at();
        List<String> synced = input.syncedSources();
        SourceRows sourceRows = new SourceRows(handle);
        Map<String, SourceState> states = sourceRows.lock(
                Stream.concat(synced.stream(), input.failedSources().stream()).toList(), at);
        SourceHealth health = new SourceHealth(sourceRows, states, log);
        synced.forEach(health::synced);
        failures.forEach(f -> health.failed(f.sourceId(), f.code(), f.message()));

        new HostRekey(handle, log).apply(input.hosts(), input.previousHostIds());
        Counts counts = simple(Tables.SITE, input.sites(), synced)
                .plus(simple(Tables.CLUSTER, input.clusters(), synced))
                .plus(simple(Tables.HOST, input.hosts(), synced))
                .plus(simple(Tables.NETWORK, input.networks(), synced))
                .plus(simple(Tables.FILTER, input.filters(), synced))
                .plus(new VmSync(handle, log, new HostNames(handle, input.hostNames())).apply(input.vms(), synced));
        // After the removals above: a removed row keeps the last-seen time it had before this run.
        sourceRows.objectsSeen(synced, at);
        ChangeRows.Written written = ChangeRows.write(handle, KIND, at, synced, input.failedSources(), log);
        return new SyncOutcome(written.runId(), at, synced, input.failedSources(), written.changes(),
                counts.written(), counts.unchanged(), counts.removed());
    }

    private <T> Counts simple(ObjectTable<T> table, List<Incoming<T>> incoming, List<String> synced) {
        return new ObjectSync<>(new ObjectRows<>(handle, table), log).apply(incoming, synced);
    }
}

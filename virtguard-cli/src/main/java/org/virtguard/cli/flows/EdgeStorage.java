package org.virtguard.cli.flows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.virtguard.flows.aggregate.EdgeAggregator;
import org.virtguard.flows.aggregate.FlowEdge;
import org.virtguard.store.Store;
import org.virtguard.store.flows.StoredFlowEdge;

/** Moves closed per-minute edges from the aggregator into the store, and applies the retention. */
final class EdgeStorage {

    private static final long FLUSH_EVERY_MILLIS = 10_000;

    private final EdgeAggregator aggregator;
    private final Store store;
    private final Duration retention;
    private long lastFlush;

    EdgeStorage(EdgeAggregator aggregator, Store store, Duration retention) {
        this.aggregator = aggregator;
        this.store = store;
        this.retention = retention;
    }

    /** Called on the decoding thread after each datagram; flushes at most every 10 seconds. */
    void maybeFlush(long nowMillis) {
        if (nowMillis - lastFlush < FLUSH_EVERY_MILLIS) {
            return;
        }
        lastFlush = nowMillis;
        store(aggregator.drainBefore(nowMillis - 60_000));
        store.flows().deleteBefore(Instant.ofEpochMilli(nowMillis).minus(retention));
    }

    /** Stores every edge still open (on shutdown). */
    void flushAll() {
        store(aggregator.drainAll());
    }

    private void store(List<FlowEdge> edges) {
        store.flows().add(edges.stream().map(e -> new StoredFlowEdge(e.minute(), e.kind().name(), e.from(), e.to(),
                e.eastWestOnHost(), e.flows(), e.packets(), e.bytes())).toList());
    }
}

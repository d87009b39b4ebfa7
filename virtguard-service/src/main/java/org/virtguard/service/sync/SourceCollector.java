package org.virtguard.service.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.virtguard.model.ErrorCode;
import org.virtguard.model.ObjectLimits;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;

/**
 * Collects many sources in parallel. Each source fails on its own: an unreachable host never stops
 * the others. One-shot commands connect per collection; long-running ones pass a {@link ConnectorPool}
 * so connections are kept between syncs. Every snapshot is held to the {@link ObjectLimits}: an object that breaks
 * one is cut or skipped with a warning naming it, shown with the sync report, and the rest of its source syncs.
 */
public final class SourceCollector {

    private static final int MAX_PARALLEL_SOURCES = 8;

    private final ConnectorRegistry registry;
    private final ConnectorPool pool;

    /** A collector that connects for each collection and disconnects after it. */
    public SourceCollector(ConnectorRegistry registry) {
        this.registry = registry;
        this.pool = null;
    }

    /** A collector that keeps connections open in {@code pool} between collections. */
    public SourceCollector(ConnectorPool pool) {
        this.registry = null;
        this.pool = pool;
    }

    public List<SourceResult> collectAll(List<ConfiguredSource> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(MAX_PARALLEL_SOURCES, sources.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "virtguard-collect");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SourceResult>> futures = new ArrayList<>();
            for (ConfiguredSource source : sources) {
                futures.add(pool.submit(() -> collect(source)));
            }
            List<SourceResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), sources.get(i)));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    SourceResult collect(ConfiguredSource source) {
        return pool == null ? collectOnce(source) : collectPooled(source);
    }

    private SourceResult collectOnce(ConfiguredSource source) {
        String id = source.spec().id();
        try (InventoryConnector connector = registry.open(source)) {
            return new SourceResult(id, ObjectLimits.apply(connector.collect()), null, null);
        } catch (ConnectorException e) {
            return new SourceResult(id, null, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            return unexpected(id, e);
        }
    }

    private SourceResult collectPooled(ConfiguredSource source) {
        String id = source.spec().id();
        try {
            return new SourceResult(id, ObjectLimits.apply(pool.acquire(source).collect()), null, null);
        } catch (ConnectorException e) {
            pool.discard(id);
            return new SourceResult(id, null, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            pool.discard(id);
            return unexpected(id, e);
        }
    }

    private static SourceResult unexpected(String id, RuntimeException e) {
        return new SourceResult(id, null, ErrorCode.INTERNAL, "source '" + id + "': connector failed unexpectedly: " + e);
    }

    private static SourceResult await(Future<SourceResult> future, ConfiguredSource source) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SourceResult(source.spec().id(), null, ErrorCode.INTERNAL, "interrupted");
        } catch (ExecutionException e) {
            return new SourceResult(source.spec().id(), null, ErrorCode.INTERNAL,
                    "source '" + source.spec().id() + "': " + e.getCause());
        }
    }
}

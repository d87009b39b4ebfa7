package org.virtguard.service.sync;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;

/**
 * Keeps one open connector per source between syncs, as a long-running collector should: reconnecting
 * to every hypervisor on every sync costs far more than reading it. A connector that fails is closed and
 * forgotten, so the next sync reconnects.
 */
public final class ConnectorPool implements AutoCloseable {

    private final ConnectorRegistry registry;
    private final Map<String, InventoryConnector> open = new ConcurrentHashMap<>();

    public ConnectorPool(ConnectorRegistry registry) {
        this.registry = registry;
    }

    /** The open connector of a source, connecting on first use. */
    public InventoryConnector acquire(ConfiguredSource source) throws ConnectorException {
        String id = source.spec().id();
        InventoryConnector connector = open.get(id);
        if (connector == null) {
            connector = registry.open(source);
            InventoryConnector raced = open.putIfAbsent(id, connector);
            if (raced != null) {
                connector.close();
                connector = raced;
            }
        }
        return connector;
    }

    /** Closes and forgets a source's connector after it failed. */
    public void discard(String sourceId) {
        InventoryConnector connector = open.remove(sourceId);
        if (connector != null) {
            connector.close();
        }
    }

    @Override
    public void close() {
        open.values().forEach(InventoryConnector::close);
        open.clear();
    }
}

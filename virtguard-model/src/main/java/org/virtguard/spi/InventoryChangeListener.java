package org.virtguard.spi;

/**
 * Receives live notifications from a connector's feed. Called on the connector's own thread:
 * implementations must return quickly and must not throw.
 */
public interface InventoryChangeListener {

    /** Something about a VM changed; the receiver will re-read it with {@link InventoryConnector#collectVm}. */
    void vmChanged(VmEvent event);

    /** The connection to the source broke; the source's data is now stale but must be kept. */
    void connectionLost(String sourceId, String reason);

    /** The connection is back; a full collection is due because events may have been missed. */
    void connectionRestored(String sourceId);
}

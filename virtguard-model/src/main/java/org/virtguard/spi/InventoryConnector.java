package org.virtguard.spi;

import java.util.Optional;

import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;

/**
 * Reads one inventory source. Every connector passes the same contract test
 * ({@code virtguard-connector-tck}).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #collect()} returns a complete snapshot or throws; it never returns a partial snapshot
 *       silently. Objects it could read only partly are returned with {@code NOT_COLLECTED} values and a
 *       {@link org.virtguard.model.CollectionWarning}.</li>
 *   <li>Every object id is stable across collections and unique across sources.</li>
 *   <li>Every VM's {@code hostId} names a host in the same snapshot; every NIC's {@code vmId} its VM.</li>
 *   <li>Errors are {@link ConnectorException}s with an {@link org.virtguard.model.ErrorCode}; no other exception
 *       escapes.</li>
 * </ul>
 */
public interface InventoryConnector extends AutoCloseable {

    /** The source this connector reads. */
    SourceSpec source();

    /** Reads everything the source offers. */
    InventorySnapshot collect() throws ConnectorException;

    /**
     * Reads one VM again after a change notification.
     *
     * @return the VM, or empty when it no longer exists on this source
     */
    Optional<VirtualMachine> collectVm(String vmId) throws ConnectorException;

    /**
     * Starts delivering change notifications, if the source offers a live feed.
     *
     * @return a handle that stops the feed, or empty when the source has no live feed
     */
    default Optional<LiveFeed> watch(InventoryChangeListener listener) throws ConnectorException {
        return Optional.empty();
    }

    /**
     * The source's means of changing VMs for a guarded response (quarantine, power off, snapshot revert,
     * redeploy). Connectors that only read return empty, the default.
     */
    default Optional<VmActuator> actuator() {
        return Optional.empty();
    }

    /** Releases connections. Never throws. */
    @Override
    void close();
}

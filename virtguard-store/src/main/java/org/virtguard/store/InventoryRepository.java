package org.virtguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.virtguard.model.InventoryChange;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;

/**
 * The historical inventory: current state of every object collected from the sources, and the log of
 * changes between collections. Every write is one transaction: it is applied completely or not at all.
 *
 * <p>Change semantics: a VM that appears or disappears is one {@code CREATED}/{@code REMOVED} change (its
 * vNICs come and go with it silently); a VM on another host or under another source is {@code MOVED_HOST};
 * a vNIC whose network name changes is {@code NIC_NETWORK_CHANGED}; vNICs added to or removed from a VM
 * that stays are {@code NIC_ADDED}/{@code NIC_REMOVED}; a power state change is
 * {@code POWER_STATE_CHANGED}; any other difference is one {@code SETTING_CHANGED} per differing field,
 * with {@link InventoryChange#field()} a path such as {@code consoles[0].listens} or
 * {@code settings.isolation.tools.copy.disable}. Hosts, networks, sites, clusters and traffic filters log
 * {@code CREATED}, {@code REMOVED} and {@code SETTING_CHANGED}. Applying identical data logs nothing.
 */
public interface InventoryRepository {

    /**
     * Applies one sync run: the snapshots of the sources that were read and the failures of those that
     * were not. Changes are computed over the union of the snapshots, so a VM that leaves one source or
     * host and appears on another in the same run is a move. Objects of a snapshot's source that the
     * snapshot lacks are marked removed. A failed source keeps its objects, which are reported stale,
     * and logs {@code SOURCE_STALE} once; its next successful snapshot logs {@code SOURCE_RECOVERED}.
     * Sources that are in neither list are not touched.
     *
     * @param snapshots complete snapshots, at most one per source
     * @param failures  sources that could not be read, none of which may also have a snapshot
     * @param at        when the run happened (stored with microsecond precision)
     * @throws StoreException with {@code INVALID_INPUT} for inconsistent input (duplicate ids, a source both
     *                        read and failed), detected before anything is written; with
     *                        {@code STORE_UNAVAILABLE} when the database fails, after rolling back
     */
    SyncOutcome applySync(List<InventorySnapshot> snapshots, List<SourceFailure> failures, Instant at);

    /**
     * Applies a live re-read of one VM without a full sync.
     *
     * @param sourceId the source that reported it
     * @param vmId     the VM's id
     * @param vm       the VM as read now, or empty when it no longer exists on that source
     * @param at       when it was read
     * @return the logged changes, in log order
     */
    List<InventoryChange> applyVm(String sourceId, String vmId, Optional<VirtualMachine> vm, Instant at);

    /** Marks a source stale after its live feed lost the connection. Logs {@code SOURCE_STALE} only once. */
    void markStale(String sourceId, String reason, Instant at);

    /** Clears a source's stale mark when its live feed is back. Logs {@code SOURCE_RECOVERED} only if it was stale. */
    void markRecovered(String sourceId, Instant at);

    /** Current hosts (not removed), ordered by name. */
    List<StoredHost> hosts();

    /** Current VMs (not removed), ordered by name. */
    List<StoredVm> vms();

    /** Current vNICs of current VMs, ordered by VM and NIC id. */
    List<StoredNic> nics();

    /** Current networks (not removed), ordered by name. */
    List<StoredNetwork> networks();

    /**
     * A current VM by id, or else by exact name.
     *
     * @throws AmbiguousNameException when no id matches and several VMs carry the name
     */
    Optional<StoredVm> findVm(String idOrName);

    /**
     * Logged changes ordered by id.
     *
     * @param sinceInclusive only changes observed at or after this instant; {@code null} for all
     * @param limit          the most changes to return, at least 1
     */
    List<InventoryChange> changes(Instant sinceInclusive, int limit);

    /**
     * When a VM last went off before a given change, for judging how long it was dormant when it powers on.
     * Empty when the history shows no off period before that change.
     *
     * @param vmId           the VM
     * @param beforeChangeId only history logged before this change id (typically the power-on change)
     */
    Optional<PowerOffRecord> lastPowerOff(String vmId, long beforeChangeId);

    /** Every source the store has heard of, ordered by id. */
    List<SourceState> sources();
}

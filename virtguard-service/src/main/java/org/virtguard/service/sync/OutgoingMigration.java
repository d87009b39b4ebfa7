package org.virtguard.service.sync;

import java.util.Optional;
import java.util.Set;

import org.virtguard.spi.VmEvent;
import org.virtguard.store.InventoryRepository;
import org.virtguard.store.StoredVm;

/**
 * Recognises the source side of a live migration, whose re-read must not take the VM back from its destination.
 *
 * <p>During a live migration both hypervisors report the guest: the destination when the incoming guest starts, the
 * source when it pauses the guest for the switchover and when it stops it. Re-reading the source then still finds the
 * (paused) guest there, and storing that would move the VM back to the source host and forth again when the
 * destination resumes it, each move toward a disallowed host raising a migration alert, including on a migration to
 * an allowed host. An event that says the guest is leaving by migration ({@code SUSPENDED_MIGRATED},
 * {@code STOPPED_MIGRATED}, libvirt's names) therefore never re-assigns a VM that another source already reports;
 * a removal still applies.
 */
final class OutgoingMigration {

    private static final Set<String> LEAVING = Set.of("SUSPENDED_MIGRATED", "STOPPED_MIGRATED");

    private OutgoingMigration() {
    }

    /**
     * Whether {@code event} is a migration leaving {@code sourceId} while the store has the VM on another source, so
     * that this source's re-read of it is to be ignored. A store that cannot answer gives {@code false} (the re-read
     * is stored as before).
     */
    static boolean alreadyArrivedElsewhere(VmEvent event, String sourceId, InventoryRepository repository) {
        if (event.detail() == null || !LEAVING.contains(event.detail())) {
            return false;
        }
        try {
            Optional<StoredVm> stored = repository.findVm(event.vmId());
            return stored.isPresent() && !stored.get().sourceId().equals(sourceId);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

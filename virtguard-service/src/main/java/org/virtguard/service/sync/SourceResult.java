package org.virtguard.service.sync;

import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventorySnapshot;

/**
 * What one source gave in a sync: a snapshot, or an error.
 *
 * @param sourceId the source
 * @param snapshot the snapshot, {@code null} on failure
 * @param error    the error code on failure
 * @param message  the one-line error on failure
 */
public record SourceResult(String sourceId, InventorySnapshot snapshot, ErrorCode error, String message) {

    public boolean succeeded() {
        return snapshot != null;
    }
}

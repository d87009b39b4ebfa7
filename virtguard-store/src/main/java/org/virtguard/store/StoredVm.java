package org.virtguard.store;

import java.time.Instant;

import org.virtguard.model.VirtualMachine;

/**
 * The current state of a VM in the store.
 *
 * @param vm        the record as last collected
 * @param firstSeen when the store first saw it
 * @param lastSeen  when a collection last reported it
 * @param sourceId  the source that reports it
 * @param stale     whether that source is stale, so the record may be out of date
 */
public record StoredVm(VirtualMachine vm, Instant firstSeen, Instant lastSeen, String sourceId, boolean stale) {
}

package org.virtguard.store;

import java.time.Instant;

/**
 * When a VM went off, as far as the store's history tells.
 *
 * @param since      the time of the VM's last observed transition to OFF, or its first sighting
 * @param lowerBound {@code true} when the VM was already off when first seen, so it has been off at least
 *                   since {@code since} and possibly longer
 */
public record PowerOffRecord(Instant since, boolean lowerBound) {
}

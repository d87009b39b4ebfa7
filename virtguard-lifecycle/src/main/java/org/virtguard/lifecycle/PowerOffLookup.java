package org.virtguard.lifecycle;

import java.time.Instant;
import java.util.Optional;

/** Tells when a VM last went off, from the inventory history (the store implements it). */
@FunctionalInterface
public interface PowerOffLookup {

    /**
     * When the VM last went off before the given change.
     *
     * @return the start of the off period and whether it is only a lower bound (the VM was already off when
     *         first seen), or empty when the history shows no off period
     */
    Optional<OffPeriod> lastPowerOff(String vmId, long beforeChangeId);

    /**
     * The start of an off period.
     *
     * @param since      when the VM was last seen going off (or first seen, already off)
     * @param lowerBound whether it may have been off longer
     */
    record OffPeriod(Instant since, boolean lowerBound) {
    }
}

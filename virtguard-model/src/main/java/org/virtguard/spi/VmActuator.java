package org.virtguard.spi;

import java.util.List;
import java.util.Optional;

import org.virtguard.model.VirtualMachine;

/**
 * Carries out {@link VmAction}s on one source. Obtained from {@link InventoryConnector#actuator()} and
 * bound to that connector's connection.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #plan} changes nothing. It checks the action against the hypervisor's current state (the VM,
 *       the quarantine network, the snapshot or template exist) and says step by step what
 *       {@link #execute} would do, or throws {@link ConnectorException} with {@code NOT_FOUND} or
 *       {@code ACTION_FAILED} naming what is missing.</li>
 *   <li>{@link #execute} validates again, then acts and returns what it did and the VM as re-read
 *       afterwards. When it fails part-way the exception message says which steps were already done.</li>
 * </ul>
 */
public interface VmActuator {

    /** The dry run: what {@link #execute} would do, one line a step. */
    Plan plan(VmAction action) throws ConnectorException;

    /** Carries the action out. */
    Outcome execute(VmAction action) throws ConnectorException;

    /** A dry-run plan: one line a step, in order. */
    record Plan(List<String> steps) {
        public Plan {
            steps = List.copyOf(steps);
        }
    }

    /**
     * What an executed action did.
     *
     * @param steps   the steps carried out, one line each
     * @param vmAfter the VM re-read afterwards (for redeploy: the new VM), or empty when it no longer exists
     */
    record Outcome(List<String> steps, Optional<VirtualMachine> vmAfter) {
        public Outcome {
            steps = List.copyOf(steps);
        }
    }
}

package org.virtguard.response;

import java.util.Optional;

import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmActuator;

/** Finds the actuator of a source's live connection; wired by the service or CLI from their connector pool. */
@FunctionalInterface
public interface ActuatorDirectory {

    /**
     * @return the source's actuator, or empty when the source cannot act (an import, or no such source)
     * @throws ConnectorException when the source cannot be reached
     */
    Optional<VmActuator> forSource(String sourceId) throws ConnectorException;
}

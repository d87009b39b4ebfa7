package org.virtguard.service.sync;

import java.util.List;
import java.util.Optional;

import org.virtguard.response.ActuatorDirectory;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.VmActuator;

/**
 * The actuators of the configured sources, on the pooled connections the service already holds (so an
 * action and the next collection see the same hypervisor state).
 */
public final class PooledActuators implements ActuatorDirectory {

    private final List<ConfiguredSource> sources;
    private final ConnectorPool pool;

    public PooledActuators(List<ConfiguredSource> sources, ConnectorPool pool) {
        this.sources = List.copyOf(sources);
        this.pool = pool;
    }

    @Override
    public Optional<VmActuator> forSource(String sourceId) throws ConnectorException {
        for (ConfiguredSource source : sources) {
            if (source.spec().id().equals(sourceId)) {
                return pool.acquire(source).actuator();
            }
        }
        return Optional.empty();
    }
}

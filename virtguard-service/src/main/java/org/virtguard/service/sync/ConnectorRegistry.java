package org.virtguard.service.sync;

import java.util.List;
import java.util.ServiceLoader;

import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.InventoryConnectorFactory;

/** Finds the connector for a source among the factories on the class path. */
public final class ConnectorRegistry {

    private final List<InventoryConnectorFactory> factories;

    public ConnectorRegistry(List<InventoryConnectorFactory> factories) {
        this.factories = List.copyOf(factories);
    }

    public static ConnectorRegistry fromClassPath() {
        return new ConnectorRegistry(ServiceLoader.load(InventoryConnectorFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    public InventoryConnector open(ConfiguredSource source) throws ConnectorException {
        for (InventoryConnectorFactory factory : factories) {
            if (factory.accepts(source.spec())) {
                return factory.open(source.spec(), source.credentials());
            }
        }
        throw new ConnectorException(ErrorCode.UNSUPPORTED_SOURCE, source.spec().id(),
                "source '" + source.spec().id() + "': no connector understands '" + source.spec().uri()
                        + "' (connectors: " + factories.stream().map(InventoryConnectorFactory::name).toList() + ")");
    }
}

package org.virtguard.spi;

/**
 * Creates connectors for the sources it understands. Implementations are found with
 * {@link java.util.ServiceLoader}; each connector module registers its factory in
 * {@code META-INF/services/org.virtguard.spi.InventoryConnectorFactory}.
 */
public interface InventoryConnectorFactory {

    /** Short name of the connector, e.g. {@code libvirt}. */
    String name();

    /** Whether this factory handles the source, judged from its URI scheme alone. */
    boolean accepts(SourceSpec source);

    /**
     * Opens a connector. Connecting may be deferred to the first {@link InventoryConnector#collect()}.
     *
     * @throws ConnectorException with {@link org.virtguard.model.ErrorCode#INVALID_SOURCE} for a malformed URI,
     *                            or the error that connecting raised
     */
    InventoryConnector open(SourceSpec source, Credentials credentials) throws ConnectorException;
}

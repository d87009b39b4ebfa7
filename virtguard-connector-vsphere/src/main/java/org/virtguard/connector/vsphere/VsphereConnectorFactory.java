package org.virtguard.connector.vsphere;

import java.util.Locale;

import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.InventoryConnectorFactory;
import org.virtguard.spi.SourceSpec;

/**
 * Opens {@link VsphereConnector}s for {@code vsphere://user@host[:port]} and {@code vsphere+insecure://} sources.
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class VsphereConnectorFactory implements InventoryConnectorFactory {

    @Override
    public String name() {
        return "vsphere";
    }

    @Override
    public boolean accepts(SourceSpec source) {
        String uri = source.uri().toLowerCase(Locale.ROOT);
        return uri.startsWith(VsphereSource.SCHEME + "://") || uri.startsWith(VsphereSource.INSECURE_SCHEME + "://");
    }

    @Override
    public InventoryConnector open(SourceSpec source, Credentials credentials) throws ConnectorException {
        return new VsphereConnector(source, VsphereSource.parse(source), credentials, ConnectorSettings.defaults());
    }
}

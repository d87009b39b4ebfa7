package org.virtguard.connector.vsphere.rvtools;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

import org.virtguard.model.ErrorCode;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.InventoryConnectorFactory;
import org.virtguard.spi.SourceSpec;

/** Opens {@link RvToolsConnector}s for {@code rvtools:///abs/dir} sources (a directory of per-tab CSV exports). */
public final class RvToolsConnectorFactory implements InventoryConnectorFactory {

    @Override
    public String name() {
        return "rvtools";
    }

    @Override
    public boolean accepts(SourceSpec source) {
        return source.uri().toLowerCase(Locale.ROOT).startsWith("rvtools://");
    }

    @Override
    public InventoryConnector open(SourceSpec source, Credentials credentials) throws ConnectorException {
        String path;
        try {
            path = new URI(source.uri()).getPath();
        } catch (java.net.URISyntaxException e) {
            path = null;
        }
        if (path == null || path.isBlank() || !path.startsWith("/")) {
            throw new ConnectorException(ErrorCode.INVALID_SOURCE, source.id(), "source " + source.id()
                    + ": expected rvtools:///absolute/directory");
        }
        return new RvToolsConnector(source, Path.of(path), Clock.systemUTC());
    }
}

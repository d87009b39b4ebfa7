package org.virtguard.connector.libvirt;

import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.InventoryConnectorFactory;
import org.virtguard.spi.SourceSpec;

/**
 * The {@code libvirt} connector factory: live libvirt URIs ({@code qemu}, {@code qemu+ssh}, {@code qemu+tls},
 * {@code qemu+tcp}, {@code qemu+unix}, {@code test}, {@code xen}, {@code lxc}, ... with any libvirt transport) open
 * a {@link LibvirtConnector}; {@code libvirt-dir:///abs/dir} opens a {@link LibvirtDirectoryConnector}.
 * For live URIs, libvirt's event loop is registered before any connection is opened.
 */
public final class LibvirtConnectorFactory implements InventoryConnectorFactory {

    @Override
    public String name() {
        return "libvirt";
    }

    @Override
    public boolean accepts(SourceSpec source) {
        return LibvirtSource.accepts(source.uri());
    }

    @Override
    public InventoryConnector open(SourceSpec spec, Credentials credentials) throws ConnectorException {
        LibvirtSource source = LibvirtSource.parse(spec);
        if (source.isDirectory()) {
            return new LibvirtDirectoryConnector(source);
        }
        LibvirtEventLoop.ensureStarted(spec.id());
        return new LibvirtConnector(source, credentials == null ? Credentials.none() : credentials);
    }
}

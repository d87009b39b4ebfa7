package org.virtguard.connector.libvirt;

import java.util.Optional;

import org.libvirt.Connect;
import org.virtguard.model.ErrorCode;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.InventoryConnector;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.SourceSpec;
import org.virtguard.spi.VmActuator;

/**
 * Reads one libvirt host over a live connection ({@code qemu:///system}, {@code qemu+ssh://kvm01/system},
 * {@code test:///abs/node.xml}, ...). The connection is opened on first use and reopened after it broke.
 *
 * <p>Collected: node info, driver and versions; every domain, active and inactive, from its XML (read with
 * security info where allowed, so that console password presence is known; passwords are never kept), with
 * power state, autostart and guest addresses for running domains; networks; nwfilter definitions (libvirt's
 * stock definitions are assumed, with a warning, where the driver offers none).
 *
 * <p>Options: {@code name} (host name), {@code site}, {@code cluster}, {@code read-only} ({@code true} opens a
 * read-only connection, which hides console password presence), {@code address-source} ({@code lease},
 * {@code agent} or {@code arp}), {@code keepalive-interval} and {@code keepalive-count} (seconds, probes),
 * {@code probe-interval-ms}, {@code reconnect-initial-ms}, {@code reconnect-max-ms} and {@code reconnect-settle-ms}
 * (live feed; see {@link ReconnectSettler}), {@code host-uuid}
 * (the {@code host_uuid} set in libvirtd.conf, which confirms the host identity: see {@link HostIdentity}),
 * {@code device-events} ({@code true} subscribes to device hot-plug events, see {@link DeviceEvents}; off by default
 * until its behaviour across daemon restarts is proven: a JVM crash in its native callback was seen under repeated
 * libvirtd restarts, so without it hot-plugged devices reach the inventory with the next event or re-sync).
 *
 * <p>Response actions (quarantine, release, power off, snapshot revert, redeploy) run through {@link #actuator()}
 * on the same connection.
 *
 * <p>After {@link #close()}, {@link #collect()} and {@link #collectVm(String)} throw a
 * {@link ConnectorException} ({@link ErrorCode#CONNECTION_LOST}); the connector does not reopen.
 */
public final class LibvirtConnector implements InventoryConnector {

    private final LibvirtSource source;
    private final ConnectionHolder connections;
    private final int addressSource;
    private final boolean readOnly;
    private final LibvirtActuator actuator;
    private final Object watchLock = new Object();
    private volatile FilterCatalog lastFilters;
    private volatile String lastHostName;
    private volatile String lastHostId;
    private LiveWatch watch;

    LibvirtConnector(LibvirtSource source, Credentials credentials) throws ConnectorException {
        if (source.isDirectory()) {
            throw new IllegalArgumentException("not a live libvirt source: " + source.displayUri());
        }
        this.source = source;
        this.connections = new ConnectionHolder(source, credentials);
        this.addressSource = addressSource(source);
        this.readOnly = Boolean.parseBoolean(source.option("read-only", "false"));
        this.actuator = new LibvirtActuator(this, source, connections);
    }

    /** Opens a live connector for a libvirt URI; connecting is deferred to the first call that needs it. */
    public static LibvirtConnector open(SourceSpec spec, Credentials credentials) throws ConnectorException {
        LibvirtSource source = LibvirtSource.parse(spec);
        if (source.isDirectory()) {
            throw new ConnectorException(ErrorCode.INVALID_SOURCE, spec.id(),
                    source.describe() + ": an offline directory, not a live libvirt URI");
        }
        return new LibvirtConnector(source, credentials);
    }

    @Override
    public SourceSpec source() {
        return source.spec();
    }

    @Override
    public InventorySnapshot collect() throws ConnectorException {
        Connect c = connections.get();
        try {
            LiveCollector collector = new LiveCollector(source, c, addressSource);
            InventorySnapshot snapshot = collector.collect();
            lastHostName = snapshot.hosts().get(0).name();
            lastHostId = snapshot.hosts().get(0).id();
            lastFilters = collector.lastCatalog();
            return snapshot;
        } catch (ConnectorException e) {
            dropIfBroken(c, e);
            throw e;
        }
    }

    @Override
    public Optional<VirtualMachine> collectVm(String vmId) throws ConnectorException {
        Connect c = connections.get();
        if (!LiveCollector.looksLikeUuid(vmId)) {
            return Optional.empty();
        }
        try {
            LiveCollector collector = new LiveCollector(source, c, addressSource);
            String hostName = lastHostName;
            String hostId = lastHostId;
            if (hostName == null || hostId == null) {
                org.virtguard.model.Host host = HostReader.read(c, source);
                hostName = host.name();
                hostId = host.id();
                lastHostName = hostName;
                lastHostId = hostId;
            }
            collector.hostId(hostId);
            FilterCatalog filters = lastFilters;
            if (filters == null) {
                filters = collector.filters(hostName);
                lastFilters = filters;
            }
            return collector.collectVm(LiveCollector.normalise(vmId), hostName, filters);
        } catch (ConnectorException e) {
            dropIfBroken(c, e);
            throw e;
        }
    }

    /**
     * Starts the live feed: domain lifecycle events and connection loss and recovery. One feed per connector.
     *
     * @throws ConnectorException when the connection cannot be opened or events cannot be subscribed to
     */
    @Override
    public Optional<LiveFeed> watch(InventoryChangeListener listener) throws ConnectorException {
        synchronized (watchLock) {
            if (watch != null && !watch.isClosedForGood()) {
                throw new ConnectorException(ErrorCode.INTERNAL, source.id(),
                        source.describe() + ": already being watched; close the first feed before starting another");
            }
            LiveWatch w = new LiveWatch(source, connections, listener);
            w.start();
            watch = w;
            return Optional.of(w);
        }
    }

    /**
     * Response actions on this connector's connection (see {@link LibvirtActuator}); empty for a source opened with
     * {@code read-only=true}, which cannot change anything.
     */
    @Override
    public Optional<VmActuator> actuator() {
        return readOnly ? Optional.empty() : Optional.of(actuator);
    }

    /**
     * The current libvirt connection, opened if needed: for response actions and for tests that drive a
     * {@code test:} driver's domains through the same connection (the test driver raises events only there).
     * Do not close it; close the connector instead.
     */
    public Connect connection() throws ConnectorException {
        return connections.get();
    }

    @Override
    public void close() {
        synchronized (watchLock) {
            if (watch != null) {
                watch.close();
            }
        }
        connections.close();
    }

    void dropIfBroken(Connect c, ConnectorException e) {
        if (e.code() == ErrorCode.CONNECTION_LOST) {
            connections.discard(c);
            lastFilters = null;
        }
    }

    private static int addressSource(LibvirtSource source) throws ConnectorException {
        String value = source.option("address-source", source.scheme().startsWith("test") ? "none" : "lease");
        return switch (value) {
            case "none" -> DomainReader.NO_ADDRESSES;
            case "lease" -> 0;
            case "agent" -> 1;
            case "arp" -> 2;
            default -> throw new ConnectorException(ErrorCode.INVALID_SOURCE, source.id(), source.describe()
                    + ": option address-source must be lease, agent, arp or none, not '" + value + "'");
        };
    }
}

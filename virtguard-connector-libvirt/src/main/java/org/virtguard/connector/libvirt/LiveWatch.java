package org.virtguard.connector.libvirt;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.VmEvent;

/**
 * The live feed of a libvirt connection: domain lifecycle events, and device hot-plug events ({@link DeviceEvents},
 * as {@link VmEvent.Kind#RECONFIGURED} with details such as {@code DEVICE_ADDED net1}), go to the listener as
 * {@link VmEvent}s; a
 * supervisor thread probes the connection, reports {@code connectionLost} when it broke, reconnects with
 * exponential back-off and reports {@code connectionRestored} once events flow again.
 */
final class LiveWatch implements LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveWatch.class);

    private final LibvirtSource source;
    private final ConnectionHolder connections;
    private final InventoryChangeListener listener;
    private final long probeMillis;
    private final long backoffInitialMillis;
    private final long backoffMaxMillis;
    private final ReconnectSettler settler;
    private final Object monitor = new Object();
    private final LifecycleListener lifecycle = this::onLifecycle;
    private final Thread supervisor;
    private Connect registeredOn;
    private DeviceEvents devices;
    private volatile boolean connected;
    private volatile boolean closed;

    LiveWatch(LibvirtSource source, ConnectionHolder connections, InventoryChangeListener listener)
            throws ConnectorException {
        this.source = source;
        this.connections = connections;
        this.listener = listener;
        this.probeMillis = source.longOption("probe-interval-ms", 5_000);
        this.backoffInitialMillis = source.longOption("reconnect-initial-ms", 1_000);
        this.backoffMaxMillis = source.longOption("reconnect-max-ms", 60_000);
        this.settler = new ReconnectSettler(source, listener, source.longOption("reconnect-settle-ms", 30_000), 500);
        this.supervisor = new Thread(this::supervise, "virtguard-libvirt-watch-" + source.id());
        this.supervisor.setDaemon(true);
    }

    /** Registers on the current connection and starts supervising it. */
    void start() throws ConnectorException {
        register(connections.get());
        supervisor.start();
    }

    /** Whether {@link #close()} was called. */
    boolean isClosedForGood() {
        return closed;
    }

    @Override
    public boolean connected() {
        return connected && !closed;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        supervisor.interrupt();
        unregister();
    }

    private void register(Connect c) throws ConnectorException {
        try {
            c.addLifecycleListener(lifecycle);
        } catch (LibvirtException e) {
            throw LibvirtErrors.callFailed(e, source, "cannot subscribe to domain events");
        }
        try {
            c.registerCloseListener((conn, reason) -> wake());
        } catch (LibvirtException e) {
            LOG.debug("{}: no close notifications: {}", source.describe(), e.getError().getMessage());
        }
        java.util.Optional<DeviceEvents> deviceEvents = "true".equalsIgnoreCase(source.option("device-events", "false"))
                ? DeviceEvents.register(c, source.describe(), this::onDevice) : java.util.Optional.empty();
        synchronized (monitor) {
            registeredOn = c;
            devices = deviceEvents.orElse(null);
        }
        connected = true;
    }

    private void unregister() {
        Connect c;
        DeviceEvents d;
        synchronized (monitor) {
            c = registeredOn;
            registeredOn = null;
            d = devices;
            devices = null;
        }
        if (d != null) {
            d.close();
        }
        if (c != null) {
            try {
                c.unregisterCloseListener();
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("{}: unregistering the close listener failed: {}", source.describe(), e.getMessage());
            }
            try {
                c.removeLifecycleListener(lifecycle);
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("{}: unsubscribing failed: {}", source.describe(), e.getMessage());
            }
        }
    }

    private int onLifecycle(Domain domain, DomainEvent event) {
        try {
            String uuid = domain.getUUIDString().toLowerCase(Locale.ROOT);
            settler.eventSeen(uuid);
            VmEvent vmEvent = new VmEvent(source.id(), uuid, domain.getName(), LifecycleEvents.kind(event),
                    LifecycleEvents.describe(event), Instant.now());
            listener.vmChanged(vmEvent);
        } catch (LibvirtException | RuntimeException e) {
            LOG.warn("{}: dropped a domain event: {}", source.describe(), e.getMessage());
        }
        return 0;
    }

    /** A device attached to or removed from a running domain: the VM's definition changed. */
    private void onDevice(String uuid, String name, String detail) {
        try {
            listener.vmChanged(new VmEvent(source.id(), uuid, name, VmEvent.Kind.RECONFIGURED, detail, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("{}: dropped a device event: {}", source.describe(), e.getMessage());
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private void supervise() {
        while (!closed) {
            if (!pause(probeMillis)) {
                return;
            }
            Connect c;
            synchronized (monitor) {
                c = registeredOn;
            }
            String failure = probe(c);
            if (failure == null) {
                continue;
            }
            connected = false;
            unregister();
            connections.discard(c);
            notifyLost(failure);
            reconnect();
        }
    }

    private String probe(Connect c) {
        if (c == null) {
            return "no connection";
        }
        if (connections.current() != c) {
            return "the connection was replaced";
        }
        try {
            if (!c.isAlive()) {
                return "the connection is no longer alive";
            }
            c.getLibVersion();
            return null;
        } catch (LibvirtException e) {
            return LibvirtErrors.message(e, source);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private void reconnect() {
        Backoff backoff = new Backoff(backoffInitialMillis, Math.max(backoffInitialMillis, backoffMaxMillis));
        while (!closed) {
            if (!pause(backoff.nextDelayMillis())) {
                return;
            }
            try {
                Connect c = connections.get();
                register(c);
                // state changes the restarted daemon makes without an event (see ReconnectSettler)
                Map<String, ReconnectSettler.Seen> baseline = settler.baseline(c);
                LOG.info("{}: connection restored", source.describe());
                listener.connectionRestored(source.id());
                settler.settle(c, baseline, () -> !closed && connections.current() == c);
                return;
            } catch (ConnectorException e) {
                LOG.debug("{}: reconnect failed: {}", source.describe(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{}: listener failed: {}", source.describe(), e.getMessage());
                return;
            }
        }
    }

    private void notifyLost(String reason) {
        LOG.warn("{}: connection lost: {}", source.describe(), reason);
        try {
            listener.connectionLost(source.id(), reason);
        } catch (RuntimeException e) {
            LOG.warn("{}: listener failed: {}", source.describe(), e.getMessage());
        }
    }

    /** Waits; false when the watch was closed meanwhile. */
    private boolean pause(long millis) {
        synchronized (monitor) {
            if (closed) {
                return false;
            }
            try {
                monitor.wait(Math.max(1, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !closed;
        }
    }
}

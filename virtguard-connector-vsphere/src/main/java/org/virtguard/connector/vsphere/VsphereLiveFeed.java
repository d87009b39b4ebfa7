package org.virtguard.connector.vsphere;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.connector.vsphere.inventory.VsphereIds;
import org.virtguard.connector.vsphere.soap.ManagedObjectRef;
import org.virtguard.connector.vsphere.soap.ObjectUpdate;
import org.virtguard.connector.vsphere.soap.PropertyChange;
import org.virtguard.connector.vsphere.soap.PropertyRequest;
import org.virtguard.connector.vsphere.soap.SoapFaultException;
import org.virtguard.connector.vsphere.soap.TransportException;
import org.virtguard.connector.vsphere.soap.UpdateSet;
import org.virtguard.connector.vsphere.soap.Vim25Client;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.spi.ConnectorException;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.LiveFeed;
import org.virtguard.spi.VmEvent;

/**
 * Follows VM changes through {@code CreateFilter} + {@code WaitForUpdatesEx} on a session and property collector of
 * its own, so it never blocks collections. A host change becomes {@link VmEvent.Kind#MIGRATED}, a power change
 * STARTED / STOPPED / SUSPENDED, a configuration change RECONFIGURED. A broken connection is reported, retried with
 * back-off, and its recovery reported so a full collection can follow.
 */
final class VsphereLiveFeed implements LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(VsphereLiveFeed.class);
    private static final int MAX_INITIAL_PAGES = 10_000;
    private static final List<String> WATCHED = List.of("name", "config.instanceUuid", "runtime.host",
            "runtime.powerState", "config.changeVersion");

    /** Opens a logged-in client. */
    @FunctionalInterface
    interface ClientOpener {
        Vim25Client open() throws ConnectorException;
    }

    private final String sourceId;
    private final ClientOpener opener;
    private final InventoryChangeListener listener;
    private final ConnectorSettings settings;
    private final Map<String, String[]> vmsByRef = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Vim25Client client;

    VsphereLiveFeed(String sourceId, ClientOpener opener, InventoryChangeListener listener, ConnectorSettings settings) {
        this.sourceId = sourceId;
        this.opener = opener;
        this.listener = listener;
        this.settings = settings;
        this.thread = Thread.ofPlatform().daemon().name("vsphere-feed-" + sourceId).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        running = false;
        Vim25Client c = client;
        if (c != null) {
            c.close();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = settings.reconnectBackoff();
        boolean everConnected = false;
        while (running) {
            try {
                Vim25Client c = opener.open();
                client = c;
                ManagedObjectRef collector = c.createPropertyCollector();
                ManagedObjectRef view = c.createContainerView(List.of("VirtualMachine"));
                c.createFilter(collector, view, List.of(new PropertyRequest("VirtualMachine", WATCHED)));
                String version = "";
                UpdateSet initial;
                int pages = 0;
                do {
                    initial = c.waitForUpdates(collector, version, settings.feedWaitSeconds());
                    if (initial != null) {
                        version = initial.version();
                        initial.updates().forEach(u -> remember(u.obj(), u.changes()));
                    }
                } while (initial != null && initial.truncated() && ++pages < MAX_INITIAL_PAGES);
                connected = true;
                if (everConnected) {
                    listener.connectionRestored(sourceId);
                }
                everConnected = true;
                backoff = settings.reconnectBackoff();
                while (running) {
                    UpdateSet set = c.waitForUpdates(collector, version, settings.feedWaitSeconds());
                    if (set == null) {
                        continue;
                    }
                    version = set.version();
                    set.updates().forEach(this::deliver);
                }
            } catch (ConnectorException | SoapFaultException | TransportException e) {
                if (!running) {
                    break;
                }
                String reason = e instanceof ConnectorException ? e.getMessage()
                        : "vSphere source " + sourceId + ": live feed: " + e.getMessage();
                if (connected || !everConnected) {
                    listener.connectionLost(sourceId, reason);
                }
                connected = false;
                LOG.warn("{}", reason);
            } finally {
                Vim25Client c = client;
                client = null;
                if (c != null) {
                    c.close();
                }
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                    : backoff.multipliedBy(2);
        }
        connected = false;
    }

    private void remember(ManagedObjectRef ref, List<PropertyChange> changes) {
        String[] known = vmsByRef.computeIfAbsent(ref.value(), k -> new String[3]);
        for (PropertyChange ch : changes) {
            switch (ch.name()) {
                case "config.instanceUuid" -> known[0] = Xml.text(ch.val());
                case "name" -> known[1] = Xml.text(ch.val());
                case "runtime.host" -> known[2] = Xml.text(ch.val());
                default -> { }
            }
        }
    }

    private void deliver(ObjectUpdate update) {
        String[] before = vmsByRef.get(update.obj().value());
        String oldHost = before == null ? null : before[2];
        remember(update.obj(), update.changes());
        String[] known = vmsByRef.get(update.obj().value());
        if ("leave".equals(update.kind())) {
            vmsByRef.remove(update.obj().value());
        }
        if (known[0] == null || known[0].isEmpty()) {
            return;
        }
        String vmId = VsphereIds.vm(known[0]);
        switch (update.kind()) {
            case "enter" -> emit(vmId, known[1], VmEvent.Kind.DEFINED, "created");
            case "leave" -> emit(vmId, known[1], VmEvent.Kind.UNDEFINED, "removed");
            default -> {
                for (PropertyChange ch : update.changes()) {
                    switch (ch.name()) {
                        case "runtime.host" -> emit(vmId, known[1], VmEvent.Kind.MIGRATED,
                                "host " + oldHost + " -> " + known[2]);
                        case "runtime.powerState" -> emit(vmId, known[1], power(Xml.text(ch.val())),
                                Xml.text(ch.val()));
                        case "config.changeVersion", "name" -> emit(vmId, known[1], VmEvent.Kind.RECONFIGURED,
                                ch.name());
                        default -> { }
                    }
                }
            }
        }
    }

    private static VmEvent.Kind power(String state) {
        if (state == null) {
            return VmEvent.Kind.OTHER;
        }
        return switch (state) {
            case "poweredOn" -> VmEvent.Kind.STARTED;
            case "poweredOff" -> VmEvent.Kind.STOPPED;
            case "suspended" -> VmEvent.Kind.SUSPENDED;
            default -> VmEvent.Kind.OTHER;
        };
    }

    private void emit(String vmId, String name, VmEvent.Kind kind, String detail) {
        try {
            listener.vmChanged(new VmEvent(sourceId, vmId, name, kind, detail, settings.clock().instant()));
        } catch (RuntimeException e) {
            LOG.warn("vSphere live feed of {}: listener failed: {}", sourceId, e.toString());
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

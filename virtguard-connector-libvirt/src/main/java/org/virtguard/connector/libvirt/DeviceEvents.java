package org.virtguard.connector.libvirt;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.jna.ConnectionPointer;
import org.libvirt.jna.DomainPointer;
import org.libvirt.jna.Libvirt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's device hot-plug events on one connection: {@code VIR_DOMAIN_EVENT_ID_DEVICE_ADDED} (a device attached to a
 * running domain, e.g. {@code virsh attach-device --live}), {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED} (the guest
 * released a detached device) and {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED}. libvirt-java 0.5.4 has no listener
 * for them, so they are registered here through its JNA interface ({@code virConnectDomainEventRegisterAny} with a
 * callback of libvirt's {@code (virConnectPtr, virDomainPtr, const char *devAlias, void *opaque)} shape).
 *
 * <p>The connection's native pointer is a protected field of {@link Connect}, read by reflection; where that is not
 * possible (a libvirt-java without it), registration reports it and returns nothing: live device changes then reach
 * the inventory only with the next event of another kind or the next re-sync.
 */
final class DeviceEvents implements AutoCloseable {

    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED}. */
    static final int DEVICE_REMOVED = 15;
    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_ADDED}. */
    static final int DEVICE_ADDED = 19;
    /** {@code VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED}. */
    static final int DEVICE_REMOVAL_FAILED = 22;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEvents.class);
    private static final int UUID_BUFLEN = 37;

    /** Told of one device event. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param uuid   the domain's UUID, lower case
         * @param name   the domain's name
         * @param detail {@code DEVICE_ADDED}, {@code DEVICE_REMOVED} or {@code DEVICE_REMOVAL_FAILED}, a space and the
         *               device alias, e.g. {@code DEVICE_ADDED net1}
         */
        void deviceChanged(String uuid, String name, String detail);
    }

    /**
     * {@code virConnectRef}, which libvirt-java's interface lacks: the subscription holds its own reference to the
     * connection, so a connection closed elsewhere (another user of the same {@link Connect} discarding it after an
     * error) stays valid for libvirt's queued event dispatch and for the unsubscription, until {@link #close()}.
     */
    interface ConnectRef extends com.sun.jna.Library {
        ConnectRef INSTANCE = com.sun.jna.Native.load("virt", ConnectRef.class);

        int virConnectRef(ConnectionPointer conn);
    }

    /** The callback shape of the three device events. */
    interface DeviceCallback extends Libvirt.VirDomainEventCallback {
        void eventCallback(ConnectionPointer conn, DomainPointer dom, Pointer devAlias, Pointer opaque);
    }

    /**
     * Every callback ever handed to libvirt, kept reachable for the life of the process: JNA frees the native stub of
     * a callback that is garbage collected, and libvirt may still call it after an unsubscription that failed (the
     * daemon gone with the connection) or for an event already being dispatched; a freed stub crashes the JVM (seen
     * under libvirtd restarts). Three small callbacks per connection are kept.
     */
    private static final java.util.Set<DeviceCallback> KEPT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final ConnectionPointer connection;
    private final List<Integer> ids = new ArrayList<>();
    private final Object lock = new Object();
    private boolean closed;

    private DeviceEvents(ConnectionPointer connection) {
        this.connection = connection;
    }

    /**
     * Registers for the device events of every domain on {@code c}; empty (logged) when libvirt-java's connection
     * pointer cannot be reached or libvirt refuses the registration.
     */
    static java.util.Optional<DeviceEvents> register(Connect c, String describe, Handler handler) {
        ConnectionPointer pointer = pointerOf(c, describe);
        if (pointer == null) {
            return java.util.Optional.empty();
        }
        if (ConnectRef.INSTANCE.virConnectRef(pointer) < 0) {
            LOG.warn("{}: no device hot-plug events (the connection could not be referenced); device changes reach "
                    + "the inventory with the next re-sync", describe);
            return java.util.Optional.empty();
        }
        DeviceEvents events = new DeviceEvents(pointer);
        for (int id : new int[] {DEVICE_ADDED, DEVICE_REMOVED, DEVICE_REMOVAL_FAILED}) {
            String kind = switch (id) {
                case DEVICE_ADDED -> "DEVICE_ADDED";
                case DEVICE_REMOVED -> "DEVICE_REMOVED";
                default -> "DEVICE_REMOVAL_FAILED";
            };
            DeviceCallback cb = (conn, dom, alias, opaque) -> events.deliverUnlessClosed(handler, dom, kind, alias,
                    describe);
            KEPT.add(cb);
            int callbackId = Libvirt.INSTANCE.virConnectDomainEventRegisterAny(pointer, null, id, cb, null, null);
            if (callbackId < 0) {
                LOG.warn("{}: libvirt refused the {} event subscription; device hot-plug reaches the inventory only "
                        + "with the next re-sync", describe, kind);
                continue;
            }
            events.ids.add(callbackId);
        }
        if (events.ids.isEmpty()) {
            events.close();
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(events);
    }

    /** Unsubscribes; a broken connection is ignored (its subscriptions died with it). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (int id : ids) {
            try {
                Libvirt.INSTANCE.virConnectDomainEventDeregisterAny(connection, id);
            } catch (RuntimeException e) {
                LOG.debug("device event unsubscription failed: {}", e.getMessage());
            }
        }
        ids.clear();
        try {
            Libvirt.INSTANCE.virConnectClose(connection);
        } catch (RuntimeException e) {
            LOG.debug("releasing the device events' connection reference failed: {}", e.getMessage());
        }
    }

    private void deliverUnlessClosed(Handler handler, DomainPointer dom, String kind, Pointer alias, String describe) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            deliver(handler, dom, kind, alias, describe);
        }
    }

    private static void deliver(Handler handler, DomainPointer dom, String kind, Pointer alias, String describe) {
        try {
            byte[] uuid = new byte[UUID_BUFLEN];
            if (dom == null || Libvirt.INSTANCE.virDomainGetUUIDString(dom, uuid) < 0) {
                LOG.warn("{}: dropped a {} event: the domain's UUID could not be read", describe, kind);
                return;
            }
            String id = new String(uuid, 0, indexOfNul(uuid), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            String name = Libvirt.INSTANCE.virDomainGetName(dom);
            String device = alias == null ? "" : alias.getString(0, StandardCharsets.UTF_8.name());
            handler.deviceChanged(id, name, kind + (device.isEmpty() ? "" : " " + bounded(device)));
        } catch (RuntimeException e) {
            LOG.warn("{}: dropped a {} event: {}", describe, kind, e.getMessage());
        }
    }

    private static String bounded(String alias) {
        String clean = alias.replaceAll("[^A-Za-z0-9_.:-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    private static ConnectionPointer pointerOf(Connect c, String describe) {
        try {
            Field f = Connect.class.getDeclaredField("vcp");
            f.setAccessible(true);
            return (ConnectionPointer) f.get(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("{}: no device hot-plug events (libvirt-java's connection pointer is not reachable: {}); device "
                    + "changes reach the inventory with the next re-sync", describe, e.toString());
            return null;
        }
    }
}

package org.virtguard.connector.libvirt;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.spi.InventoryChangeListener;
import org.virtguard.spi.VmEvent;

/**
 * Catches the domain state changes a restarted {@code libvirtd} makes without an event. After a restart, libvirtd
 * reattaches to its running domains in background threads while it already serves clients, and stops a domain whose
 * start (or another job) the restart interrupted, or whose monitor it cannot reach again, without raising a lifecycle
 * event (QEMU log: "shutting down, reason=daemon" or "reason=crashed"). A client that re-read the host right after
 * reconnecting keeps the state it read (a starting domain stays PAUSED) until the next full re-sync.
 *
 * <p>So, after each reconnect: the active domains are listed once before the listener is told ({@link #baseline}),
 * then polled for a bounded settle window; a domain that stopped being active, and for which libvirt raised no event of
 * its own by the next poll ({@link #eventSeen}), is reported as a {@link VmEvent} ({@link VmEvent.Kind#STOPPED}, detail
 * {@value #DETAIL}), which makes the listener re-read it. Domains that become active are not reported: libvirt raises
 * their events, and a domain that is starting passes through PAUSED, which is no state to record.
 */
final class ReconnectSettler {

    /** The detail of the events this class reports. */
    static final String DETAIL = "STATE_CHANGED_BY_DAEMON_RECONNECT";

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectSettler.class);
    private static final int ACTIVE = 1;

    private final LibvirtSource source;
    private final InventoryChangeListener listener;
    private final long windowMillis;
    private final long everyMillis;
    private final Map<String, Long> lastEvent = new ConcurrentHashMap<>();

    ReconnectSettler(LibvirtSource source, InventoryChangeListener listener, long windowMillis, long everyMillis) {
        this.source = source;
        this.listener = listener;
        this.windowMillis = windowMillis;
        this.everyMillis = Math.max(50, everyMillis);
    }

    /** Notes that libvirt raised an event for the domain: a change it explains is not reported again. */
    void eventSeen(String uuid) {
        lastEvent.put(uuid, System.nanoTime());
    }

    /** The states of the active domains now, by UUID (empty when they cannot be read). */
    Map<String, Seen> baseline(Connect c) {
        try {
            return states(c);
        } catch (LibvirtException | RuntimeException e) {
            LOG.debug("{}: no domain states after the reconnect: {}", source.describe(), e.getMessage());
            return Map.of();
        }
    }

    /**
     * Polls {@code c} from {@code baseline} on in a daemon thread for the settle window, reporting each change,
     * while {@code current} holds (the feed is open and still on this connection).
     */
    void settle(Connect c, Map<String, Seen> baseline, BooleanSupplier current) {
        if (windowMillis <= 0) {
            return;
        }
        Thread t = new Thread(() -> run(c, baseline, current), "virtguard-libvirt-settle-" + source.id());
        t.setDaemon(true);
        t.start();
    }

    private void run(Connect c, Map<String, Seen> baseline, BooleanSupplier current) {
        Map<String, Seen> last = new HashMap<>(baseline);
        Map<String, Long> pending = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        baseline.forEach((uuid, seen) -> names.put(uuid, seen.name()));
        long deadline = System.nanoTime() + windowMillis * 1_000_000L;
        while ((System.nanoTime() < deadline || !pending.isEmpty()) && current.getAsBoolean()) {
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!current.getAsBoolean()) {
                return;
            }
            Map<String, Seen> now;
            try {
                now = states(c);
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("{}: settle poll failed: {}", source.describe(), e.getMessage());
                return;
            }
            now.forEach((uuid, seen) -> names.put(uuid, seen.name()));
            for (Map.Entry<String, Long> p : pending.entrySet()) {
                Long event = lastEvent.get(p.getKey());
                if (event == null || event - p.getValue() < -everyMillis * 1_000_000L) {
                    report(p.getKey(), names.getOrDefault(p.getKey(), p.getKey()), now.get(p.getKey()));
                }
            }
            pending.clear();
            if (System.nanoTime() < deadline) {
                for (String uuid : last.keySet()) {
                    if (!now.containsKey(uuid)) {
                        pending.put(uuid, System.nanoTime());
                    }
                }
            }
            last = now;
        }
    }

    private void report(String uuid, String name, Seen after) {
        VmEvent.Kind kind = after == null ? VmEvent.Kind.STOPPED : switch (after.state()) {
            case VIR_DOMAIN_RUNNING -> VmEvent.Kind.STARTED;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> VmEvent.Kind.SUSPENDED;
            case VIR_DOMAIN_SHUTOFF -> VmEvent.Kind.STOPPED;
            case VIR_DOMAIN_CRASHED -> VmEvent.Kind.CRASHED;
            default -> VmEvent.Kind.OTHER;
        };
        LOG.info("{}: domain {} changed to {} while libvirtd reattached after its restart (no event from libvirt)",
                source.describe(), name, after == null ? "not running" : after.state());
        try {
            listener.vmChanged(new VmEvent(source.id(), uuid, name, kind, DETAIL, Instant.now()));
        } catch (RuntimeException e) {
            LOG.warn("{}: listener failed: {}", source.describe(), e.getMessage());
        }
    }

    private static Map<String, Seen> states(Connect c) throws LibvirtException {
        Map<String, Seen> out = new HashMap<>();
        for (Domain d : c.listAllDomains(ACTIVE)) {
            try {
                out.put(d.getUUIDString().toLowerCase(Locale.ROOT), new Seen(d.getName(), d.getInfo().state));
            } catch (LibvirtException e) {
                if (!LibvirtErrors.isNotFound(e)) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** A domain's name and state as one poll saw it. */
    record Seen(String name, DomainInfo.DomainState state) {
    }
}

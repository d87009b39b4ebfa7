package org.virtguard.connector.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.virtguard.spi.ConnectorException;
import org.w3c.dom.Element;

/**
 * Moves a domain's vNICs to other libvirt networks: the work behind quarantine and release.
 *
 * <p>Two routes, chosen by the driver and stated in the plan:
 * <ul>
 *   <li><b>device update</b> (every driver but {@code test}, e.g. QEMU): each changed {@code <interface>} is sent
 *       to {@code virDomainUpdateDeviceFlags}, once for the live domain (if it runs) and once for its persistent
 *       config (if it has one), each with the interface as that definition has it. The guest keeps running and
 *       its NIC keeps its MAC and PCI address.</li>
 *   <li><b>redefine</b> ({@code test} driver): libvirt 9.0.0's test driver implements none of
 *       {@code virDomainUpdateDeviceFlags}, {@code virDomainAttachDeviceFlags} or {@code virDomainDetachDeviceFlags}
 *       ("this function is not supported by the connection driver"), and redefining a running domain there changes
 *       only its persistent config. So the persistent XML is redefined with the changed interfaces and a running
 *       domain is restarted (destroy, then start) so that its live NICs follow. The plan says so before anyone
 *       approves it. A transient running domain cannot take this route and is refused.</li>
 * </ul>
 * A driver other than {@code test} that turns out to lack device update fails with the libvirt error and the
 * steps already done; it is never restarted unannounced.
 */
final class NicMover {

    private static final int AFFECT_LIVE = 1;
    private static final int AFFECT_CONFIG = 2;

    private final ActionLookups lookups;

    NicMover(ActionLookups lookups) {
        this.lookups = lookups;
    }

    /** One vNIC's change. */
    record Move(String mac, String from, String to) {
        String line() {
            return "NIC " + mac + ": " + (from.startsWith("network ") ? from + " -> " + to : from + " -> network " + to);
        }
    }

    /** What a move would do, checked against the domain's current definition. */
    record Prepared(Domain domain, String vmName, boolean active, boolean persistent, boolean redefine,
                    DomainDocument definition, List<Move> moves, List<String> planLines) {
    }

    /**
     * Checks the domain and the target networks and works out the moves.
     *
     * @param targetFor   the network a NIC (by lower-case MAC) should be on, or {@code null} to leave it
     * @param requiredMacs MACs that must be on the domain (a release names them); empty for a quarantine
     * @param untouched   how to describe a NIC that stays, e.g. {@code not in the release list}
     */
    Prepared prepare(Domain d, Function<String, String> targetFor, Set<String> requiredMacs, String untouched)
            throws ConnectorException {
        String name = lookups.name(d);
        boolean active = lookups.isActive(d, name);
        boolean persistent = lookups.isPersistent(d, name);
        String driver = lookups.driverType();
        boolean redefine = driver.toLowerCase(Locale.ROOT).equals("test");
        if (redefine && !persistent) {
            throw lookups.refused("VM " + name + " is transient and the " + driver
                    + " driver cannot change a running domain's NICs (no device update)");
        }
        DomainDocument definition = lookups.xml(d, name, redefine || !active);
        Map<String, Element> byMac = new TreeMap<>();
        List<Element> ifaces = definition.interfaces();
        for (Element e : ifaces) {
            String mac = DomainDocument.macOf(e);
            if (mac != null) {
                byMac.put(mac, e);
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (String mac : requiredMacs) {
            if (!byMac.containsKey(mac.toLowerCase(Locale.ROOT))) {
                missing.add(mac);
            }
        }
        if (!missing.isEmpty()) {
            throw lookups.notFound("VM " + name + " has no NIC with MAC " + String.join(", ", missing)
                    + " (its NICs: " + (byMac.isEmpty() ? "none" : String.join(", ", byMac.keySet())) + ")");
        }
        List<Move> moves = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Set<String> checked = new LinkedHashSet<>();
        for (Element e : ifaces) {
            String mac = DomainDocument.macOf(e);
            String from = DomainDocument.describeAttachment(e);
            String to = mac == null ? null : targetFor.apply(mac);
            if (mac == null) {
                lines.add("NIC without a MAC (" + from + "): left as it is");
            } else if (to == null) {
                lines.add("NIC " + mac + ": " + untouched + ", stays on " + from);
            } else if (to.equals(DomainDocument.networkOf(e))) {
                lines.add("NIC " + mac + ": already on network " + to);
            } else {
                if (checked.add(to)) {
                    lookups.requireNetwork(to, active);
                }
                Move m = new Move(mac, from, to);
                moves.add(m);
                lines.add(m.line());
            }
        }
        if (moves.isEmpty()) {
            lines.add("nothing to change on VM " + name);
        } else {
            lines.addAll(routeLines(name, active, persistent, redefine, driver));
        }
        return new Prepared(d, name, active, persistent, redefine, definition, moves, lines);
    }

    /** Carries the prepared moves out, recording each step. */
    void apply(Prepared p, ActionSteps steps) throws ConnectorException {
        if (p.moves().isEmpty()) {
            return;
        }
        if (p.redefine()) {
            redefine(p, steps);
        } else {
            updateDevices(p, steps);
        }
    }

    private void updateDevices(Prepared p, ActionSteps steps) throws ConnectorException {
        DomainDocument live = p.active() ? p.definition() : null;
        DomainDocument config = p.persistent()
                ? (p.active() ? lookups.xml(p.domain(), p.vmName(), true) : p.definition()) : null;
        for (Move m : p.moves()) {
            String step = m.line();
            List<String> scopes = new ArrayList<>();
            try {
                if (live != null && update(p.domain(), live, m, AFFECT_LIVE)) {
                    scopes.add("live");
                }
                if (config != null && update(p.domain(), config, m, AFFECT_CONFIG)) {
                    scopes.add("config");
                }
            } catch (LibvirtException e) {
                if (!scopes.isEmpty()) {
                    steps.done(step + " (" + String.join(", ", scopes) + " only)");
                }
                throw steps.failed(step, e);
            }
            steps.done(step + " (" + String.join(", ", scopes) + ")");
        }
    }

    private static boolean update(Domain d, DomainDocument doc, Move m, int scope)
            throws LibvirtException, ConnectorException {
        Element iface = doc.interfaceByMac(m.mac());
        if (iface == null) {
            return false;
        }
        doc.attachToNetwork(iface, m.to());
        d.updateDeviceFlags(doc.toXml(iface), scope);
        return true;
    }

    private void redefine(Prepared p, ActionSteps steps) throws ConnectorException {
        DomainDocument config = p.definition();
        for (Move m : p.moves()) {
            config.attachToNetwork(config.interfaceByMac(m.mac()), m.to());
        }
        String defineStep = "redefine VM " + p.vmName() + " with its NICs moved";
        try {
            lookups.connect().domainDefineXML(config.toXml());
        } catch (LibvirtException e) {
            throw steps.failed(defineStep, e);
        }
        for (Move m : p.moves()) {
            steps.done(m.line() + " (config)");
        }
        if (!p.active()) {
            return;
        }
        String destroyStep = "destroy VM " + p.vmName() + " to apply its new config";
        try {
            p.domain().destroy();
        } catch (LibvirtException e) {
            throw steps.failed(destroyStep, e);
        }
        steps.done(destroyStep);
        String startStep = "start VM " + p.vmName();
        try {
            p.domain().create();
        } catch (LibvirtException e) {
            throw steps.failed(startStep, e);
        }
        steps.done(startStep);
    }

    private static List<String> routeLines(String name, boolean active, boolean persistent, boolean redefine,
                                           String driver) {
        if (redefine) {
            List<String> lines = new ArrayList<>();
            lines.add("redefine VM " + name + "'s persistent config with the NICs moved (the " + driver
                    + " driver has no device update)");
            if (active) {
                lines.add("restart VM " + name + " (destroy, then start) so that the running domain uses the new"
                        + " config");
            }
            return lines;
        }
        String scope = active && persistent ? "live and persistent config"
                : active ? "live only (VM " + name + " is transient)" : "persistent config only (VM " + name + " is off)";
        return List.of("apply by device update: " + scope + (active ? "; VM " + name + " keeps running" : ""));
    }
}

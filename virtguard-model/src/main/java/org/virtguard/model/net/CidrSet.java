package org.virtguard.model.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An allow-list of networks for network intake (flow exporters, syslog senders). An empty set allows every
 * address. Decisions are remembered per address (up to {@link #MAX_REMEMBERED} addresses), so that asking again
 * about a known sender does not allocate. Thread-safe.
 */
public final class CidrSet {

    /** Most addresses whose decision is remembered; beyond them each decision is computed again. */
    public static final int MAX_REMEMBERED = 4096;

    private static final CidrSet ALL = new CidrSet(List.of());

    private final Cidr[] networks;
    private final Map<InetAddress, Boolean> decisions = new ConcurrentHashMap<>();

    private CidrSet(List<Cidr> networks) {
        this.networks = networks.toArray(new Cidr[0]);
    }

    /** The set of {@code networks}; empty (or {@code null}) allows everything. */
    public static CidrSet of(List<Cidr> networks) {
        return networks == null || networks.isEmpty() ? ALL : new CidrSet(List.copyOf(networks));
    }

    /** Whether this set allows every address (no networks given). */
    public boolean allowsAll() {
        return networks.length == 0;
    }

    /** The networks, in the order given. */
    public List<Cidr> networks() {
        return List.of(networks);
    }

    /** Whether {@code address} is allowed: the set is empty or one of its networks contains it. */
    public boolean allows(InetAddress address) {
        if (networks.length == 0) {
            return true;
        }
        if (address == null) {
            return false;
        }
        Boolean known = decisions.get(address);
        if (known != null) {
            return known;
        }
        byte[] raw = address.getAddress();
        boolean allowed = false;
        for (Cidr c : networks) {
            if (c.contains(raw)) {
                allowed = true;
                break;
            }
        }
        if (decisions.size() < MAX_REMEMBERED) {
            decisions.put(address, allowed);
        }
        return allowed;
    }

    @Override
    public String toString() {
        return networks.length == 0 ? "any" : List.of(networks).toString();
    }
}

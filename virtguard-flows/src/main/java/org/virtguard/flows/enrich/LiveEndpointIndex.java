package org.virtguard.flows.enrich;

import java.util.List;

import org.virtguard.model.Endpoint;
import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;
import org.virtguard.spi.EndpointResolver;
import org.virtguard.spi.ZoneResolver;

/**
 * The current {@link EndpointIndex}, replaced whole when the inventory changes so that flow attribution follows
 * VMs that start, stop, move or change addresses. The wiring calls {@link #update} after each inventory sync or
 * live event; the flow pipeline reads {@link #current()} once per datagram.
 */
public final class LiveEndpointIndex implements EndpointResolver {

    private final ZoneResolver zones;
    private volatile EndpointIndex current;

    /** An index with no inventory yet, resolving zones with {@code zones}. */
    public LiveEndpointIndex(ZoneResolver zones) {
        this.zones = zones;
        this.current = EndpointIndex.build(List.of(), List.of(), List.of(), zones);
    }

    /** Rebuilds the index from the latest inventory. */
    public void update(List<Host> hosts, List<VirtualMachine> vms, List<Network> networks) {
        current = EndpointIndex.build(hosts, vms, networks, zones);
    }

    /** The index in force now. */
    public EndpointIndex current() {
        return current;
    }

    @Override
    public Endpoint resolve(String address) {
        return current.resolve(address);
    }
}

package org.virtguard.policy.eval;

import java.util.List;

import org.virtguard.model.Host;
import org.virtguard.model.Network;
import org.virtguard.model.VirtualMachine;

/** The inventory a scan evaluates. */
public record Inventory(List<Host> hosts, List<VirtualMachine> vms, List<Network> networks) {
    public Inventory {
        hosts = List.copyOf(hosts == null ? List.of() : hosts);
        vms = List.copyOf(vms == null ? List.of() : vms);
        networks = List.copyOf(networks == null ? List.of() : networks);
    }
}

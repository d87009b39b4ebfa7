package org.virtguard.spi;

import java.util.Optional;

import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;

/**
 * Maps inventory objects and addresses to trust zones, as the zone policy defines them. Implemented by the
 * policy module; consumed by flows, logs and response through this interface.
 */
public interface ZoneResolver {

    /** The zone a vNIC is in (by its network / port group name, VLAN, or the VM's labels). */
    Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic);

    /** The zone an address is in (by CIDR), for addresses no vNIC owns. */
    Optional<TrustZone> zoneOfAddress(String address);

    /** A resolver with no zones at all. */
    static ZoneResolver none() {
        return new ZoneResolver() {
            @Override
            public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
                return Optional.empty();
            }

            @Override
            public Optional<TrustZone> zoneOfAddress(String address) {
                return Optional.empty();
            }
        };
    }
}

package org.virtguard.spi;

import java.util.List;
import java.util.Optional;

import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.model.zones.AddressZone;

/**
 * Maps inventory objects and addresses to trust zones, as the zone policy defines them. Implemented by the
 * policy module; consumed by flows, logs and response through this interface.
 */
public interface ZoneResolver {

    /** The zone a vNIC is in (by its network / port group name, VLAN, or the VM's labels). */
    Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic);

    /** The zone an address is in (by CIDR), for addresses no vNIC owns. */
    Optional<TrustZone> zoneOfAddress(String address);

    /**
     * The networks that attribute addresses, in the order they are tried, when {@link #zoneOfAddress} is exactly
     * "the zone of the first network containing the address"; empty when this resolver attributes addresses some
     * other way. Lets hot paths (flow attribution) match addresses without formatting them as text.
     */
    default Optional<List<AddressZone>> addressZones() {
        return Optional.empty();
    }

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

            @Override
            public Optional<List<AddressZone>> addressZones() {
                return Optional.of(List.of());
            }
        };
    }
}

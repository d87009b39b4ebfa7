package org.virtguard.model.zones;

import java.util.Objects;

import org.virtguard.model.TrustZone;
import org.virtguard.model.net.Cidr;

/**
 * One network that puts the addresses inside it into a trust zone.
 *
 * @param network the addresses
 * @param zone    their zone
 */
public record AddressZone(Cidr network, TrustZone zone) {

    public AddressZone {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(zone, "zone");
    }
}

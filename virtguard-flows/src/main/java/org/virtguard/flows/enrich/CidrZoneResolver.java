package org.virtguard.flows.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.virtguard.model.TrustZone;
import org.virtguard.model.VirtualMachine;
import org.virtguard.model.VirtualNic;
import org.virtguard.spi.ZoneResolver;

/**
 * A stand-alone {@link ZoneResolver} from address prefixes and network names, for running the flow pipeline
 * without the policy engine (the {@code zones:} section of the segmentation file). The first matching zone wins.
 */
public final class CidrZoneResolver implements ZoneResolver {

    /** A zone and what puts an address or vNIC in it. */
    public record ZoneDefinition(TrustZone zone, List<Cidr> prefixes, List<String> networks) {
        public ZoneDefinition {
            prefixes = List.copyOf(prefixes);
            networks = List.copyOf(networks);
        }
    }

    private final List<ZoneDefinition> zones;
    private final PrefixList prefixes;

    /** A resolver over {@code zones}, tried in order. */
    public CidrZoneResolver(List<ZoneDefinition> zones) {
        this.zones = List.copyOf(zones);
        List<Cidr> all = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int z = 0; z < this.zones.size(); z++) {
            for (Cidr c : this.zones.get(z).prefixes()) {
                all.add(c);
                owners.add(z);
            }
        }
        this.prefixes = new PrefixList(all, owners.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The definitions, in order. */
    public List<ZoneDefinition> zones() {
        return zones;
    }

    @Override
    public Optional<TrustZone> zoneOf(VirtualMachine vm, VirtualNic nic) {
        for (ZoneDefinition z : zones) {
            if (nic.networkName() != null && z.networks().contains(nic.networkName())) {
                return Optional.of(z.zone());
            }
        }
        List<String> ips = nic.ipAddresses() == null ? List.of() : nic.ipAddresses().get().orElse(List.of());
        for (String ip : ips) {
            Optional<TrustZone> z = zoneOfAddress(ip);
            if (z.isPresent()) {
                return z;
            }
        }
        return Optional.empty();
    }

    /** The zone of an address in two-long form ({@link AddressTable#V4} high word for IPv4), or {@code null}. */
    public TrustZone zoneOf(long hi, long lo) {
        int z = indexOf(hi, lo);
        return z < 0 ? null : zones.get(z).zone();
    }

    /**
     * The position in {@link #zones()} of the zone of an address in two-long form, or -1. Does not allocate: one
     * pass over the prefixes, flattened into arrays.
     */
    public int indexOf(long hi, long lo) {
        return prefixes.firstMatch(hi, lo);
    }

    /** How many prefixes the zones list in all. */
    public int prefixCount() {
        return prefixes.size();
    }

    @Override
    public Optional<TrustZone> zoneOfAddress(String address) {
        long[] a = Cidr.address(address);
        if (a == null) {
            return Optional.empty();
        }
        for (ZoneDefinition z : zones) {
            for (Cidr c : z.prefixes()) {
                if (c.contains(a[0], a[1])) {
                    return Optional.of(z.zone());
                }
            }
        }
        return Optional.empty();
    }

    /** Builds definitions one by one. */
    public static List<ZoneDefinition> list() {
        return new ArrayList<>();
    }
}

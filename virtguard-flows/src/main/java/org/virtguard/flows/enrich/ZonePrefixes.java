package org.virtguard.flows.enrich;

import java.util.List;

import org.virtguard.model.TrustZone;
import org.virtguard.model.zones.AddressZone;
import org.virtguard.spi.ZoneResolver;

/**
 * The address-to-zone networks of a {@link ZoneResolver} ({@link ZoneResolver#addressZones()}), flattened so that
 * attributing a flow address to its zone is one pass over primitive arrays, without allocating.
 */
final class ZonePrefixes {

    private final TrustZone[] zones;
    private final PrefixList prefixes;

    private ZonePrefixes(List<AddressZone> networks) {
        zones = new TrustZone[networks.size()];
        int[] owners = new int[networks.size()];
        for (int i = 0; i < zones.length; i++) {
            zones[i] = networks.get(i).zone();
            owners[i] = i;
        }
        prefixes = new PrefixList(networks.stream().map(AddressZone::network).toList(), owners);
    }

    /** The networks of {@code resolver}, or {@code null} when it does not attribute addresses by network list. */
    static ZonePrefixes of(ZoneResolver resolver) {
        return resolver.addressZones().map(ZonePrefixes::new).orElse(null);
    }

    /** How many networks. */
    int size() {
        return zones.length;
    }

    /** The position of the first network containing {hi, lo} (two-long form), or -1. Does not allocate. */
    int indexOf(long hi, long lo) {
        return prefixes.firstMatch(hi, lo);
    }

    /** The zone of network {@code index}. */
    TrustZone zone(int index) {
        return zones[index];
    }
}

package org.virtguard.flows.enrich;

import java.util.List;

import org.virtguard.model.net.Cidr;

/**
 * An ordered list of IPv4/IPv6 prefixes, each tagged with an owner number, flattened into primitive arrays so that
 * finding the first prefix containing an address is one pass with no allocation or pointer chasing. Matches
 * exactly as {@link AddressTable#contains(Cidr, long, long)}.
 */
final class PrefixList {

    /** Longs per prefix in {@link #table}: family flag, then masks and network words. */
    private static final int STRIDE = 5;
    private static final int FAMILY = 0;
    private static final int MASK_HI = 1;
    private static final int NET_HI = 2;
    private static final int MASK_LO = 3;
    private static final int NET_LO = 4;

    /** Per prefix, side by side: {@link AddressTable#V4} for IPv4 (else 0), mask and network of both words. */
    private final long[] table;
    private final int[] owners;

    /** The prefixes in order, {@code owners[i]} being returned for a match of {@code prefixes.get(i)}. */
    PrefixList(List<Cidr> prefixes, int[] owners) {
        int n = prefixes.size();
        table = new long[n * STRIDE];
        this.owners = owners.clone();
        for (int i = 0; i < n; i++) {
            Cidr c = prefixes.get(i);
            int at = i * STRIDE;
            if (c.isIpv4()) {
                table[at + FAMILY] = AddressTable.V4;
                table[at + MASK_HI] = -1L;
                table[at + NET_HI] = AddressTable.V4;
            } else {
                table[at + MASK_HI] = c.maskHigh();
                table[at + NET_HI] = c.high();
            }
            table[at + MASK_LO] = c.maskLow();
            table[at + NET_LO] = c.low();
        }
    }

    /** Prefixes held. */
    int size() {
        return owners.length;
    }

    /** The owner of the first prefix containing {hi, lo}, or -1. */
    int firstMatch(long hi, long lo) {
        long family = hi == AddressTable.V4 ? AddressTable.V4 : 0;
        long[] t = table;
        for (int at = 0, i = 0; at + STRIDE <= t.length; at += STRIDE, i++) {
            if (t[at + FAMILY] == family && (hi & t[at + MASK_HI]) == t[at + NET_HI]
                    && (lo & t[at + MASK_LO]) == t[at + NET_LO]) {
                return owners[i];
            }
        }
        return -1;
    }
}

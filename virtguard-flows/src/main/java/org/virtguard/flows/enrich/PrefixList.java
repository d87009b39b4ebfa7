package org.virtguard.flows.enrich;

import java.util.List;

/**
 * An ordered list of IPv4/IPv6 prefixes, each tagged with an owner number, flattened into primitive arrays so that
 * finding the first prefix containing an address is one pass with no allocation or pointer chasing. Matches
 * exactly as {@link Cidr#contains(long, long)}.
 */
final class PrefixList {

    private final boolean[] v4;
    private final long[] netHi;
    private final long[] netLo;
    private final long[] maskHi;
    private final long[] maskLo;
    private final int[] owners;

    /** The prefixes in order, {@code owners[i]} being returned for a match of {@code prefixes.get(i)}. */
    PrefixList(List<Cidr> prefixes, int[] owners) {
        int n = prefixes.size();
        v4 = new boolean[n];
        netHi = new long[n];
        netLo = new long[n];
        maskHi = new long[n];
        maskLo = new long[n];
        this.owners = owners.clone();
        for (int i = 0; i < n; i++) {
            Cidr c = prefixes.get(i);
            int p = c.prefix();
            if (c.hi() == AddressTable.V4) {
                v4[i] = true;
                maskHi[i] = -1L;
                maskLo[i] = p == 0 ? 0 : (0xffff_ffffL << (32 - p)) & 0xffff_ffffL;
            } else if (p <= 64) {
                maskHi[i] = p == 0 ? 0 : -1L << (64 - p);
                maskLo[i] = 0;
            } else {
                maskHi[i] = -1L;
                maskLo[i] = -1L << (128 - p);
            }
            netHi[i] = c.hi() & maskHi[i];
            netLo[i] = c.lo() & maskLo[i];
        }
    }

    /** Prefixes held. */
    int size() {
        return owners.length;
    }

    /** The owner of the first prefix containing {hi, lo}, or -1. */
    int firstMatch(long hi, long lo) {
        boolean isV4 = hi == AddressTable.V4;
        for (int i = 0; i < owners.length; i++) {
            if (v4[i] == isV4 && (hi & maskHi[i]) == netHi[i] && (lo & maskLo[i]) == netLo[i]) {
                return owners[i];
            }
        }
        return -1;
    }
}

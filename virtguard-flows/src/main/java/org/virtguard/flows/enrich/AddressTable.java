package org.virtguard.flows.enrich;

import java.util.Arrays;

import org.virtguard.model.net.Cidr;

/**
 * An open-addressing table from IPv4/IPv6 addresses (in the two-long form of
 * {@link org.virtguard.flows.decode.FlowRecord}) to values; lookups do not allocate.
 */
public final class AddressTable<V> {

    /** The {@code hi} word used for IPv4 keys, which no unicast IPv6 address has. */
    public static final long V4 = 0xffff_ffff_ffff_ffffL;

    /**
     * Parses an address literal (never a host name) into the two-long form {hi, lo} ({@link #V4} high word for
     * IPv4), or {@code null} when {@code text} is not one.
     */
    public static long[] words(String text) {
        Cidr a = Cidr.address(text).orElse(null);
        if (a == null) {
            return null;
        }
        return a.isIpv4() ? new long[] {V4, a.low()} : new long[] {a.high(), a.low()};
    }

    /** Whether the address {hi, lo} in two-long form lies inside {@code network}. Does not allocate. */
    public static boolean contains(Cidr network, long hi, long lo) {
        return hi == V4 ? network.containsIpv4(lo) : network.containsIpv6(hi, lo);
    }

    private long[] keys = new long[128];
    private Object[] values = new Object[64];
    private int size;

    /** Entries held. */
    public int size() {
        return size;
    }

    /** The value for the address {hi, lo}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public V get(long hi, long lo) {
        Object[] vals = values;
        long[] k = keys;
        int mask = vals.length - 1;
        for (int i = slot(hi, lo, mask); ; i = (i + 1) & mask) {
            Object v = vals[i];
            if (v == null) {
                return null;
            }
            if (k[2 * i] == hi && k[2 * i + 1] == lo) {
                return (V) v;
            }
        }
    }

    /** Sets the value for the address {hi, lo}. */
    public void put(long hi, long lo, V value) {
        if ((size + 1) * 2 > values.length) {
            grow();
        }
        int mask = values.length - 1;
        int i = slot(hi, lo, mask);
        while (values[i] != null) {
            if (keys[2 * i] == hi && keys[2 * i + 1] == lo) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[2 * i] = hi;
        keys[2 * i + 1] = lo;
        values[i] = value;
        size++;
    }

    /** Removes every entry, keeping the capacity. */
    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[2 * i], oldKeys[2 * i + 1], (V) oldValues[i]);
            }
        }
    }

    private static int slot(long hi, long lo, int mask) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29)) & mask;
    }
}

package org.virtguard.flows.evaluate;

/**
 * Linear probing over a {@code long[]} of fixed-stride slots whose first two longs are a 128-bit key (an address
 * pair, or an address with a port). A slot is free while its marker long is 0. Shared by the detector tables so
 * that they allocate nothing per flow.
 */
final class PackedKeys {

    private PackedKeys() {
    }

    /**
     * The array offset of the key's slot, or of the free slot where it would go.
     *
     * @param stride longs per slot (a power-of-two slot count is assumed: {@code slots.length / stride})
     * @param marker offset within a slot of the long that is 0 while the slot is free
     */
    static int find(long[] slots, int stride, int marker, long hi, long lo) {
        int mask = slots.length / stride - 1;
        for (int i = hash(hi, lo) & mask; ; i = (i + 1) & mask) {
            int at = i * stride;
            if (slots[at + marker] == 0 || (slots[at] == hi && slots[at + 1] == lo)) {
                return at;
            }
        }
    }

    /** A well-mixed hash of the key. */
    static int hash(long hi, long lo) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29));
    }
}

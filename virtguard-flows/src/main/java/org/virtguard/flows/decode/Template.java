package org.virtguard.flows.decode;

import java.util.Arrays;

/**
 * A NetFlow v9 / IPFIX (options) template, compiled to per-field slots for decoding. Immutable once built.
 */
final class Template {

    static final int VARIABLE = 0xffff;

    final int id;
    final int fieldCount;
    final int scopeCount;
    final boolean options;
    final int[] lengths;
    final int[] slots;
    /** Minimum bytes a record needs: fixed lengths plus one length byte per variable field. */
    final int minRecordLength;
    final boolean variable;
    /** Offset of each field from the record start; valid when no field is variable-length. */
    final int[] offsets;
    /** The straight-line decode plan of a data template, or null when records need the general decoder. */
    final FixedLayout layout;
    long refreshedMillis;

    Template(int id, int scopeCount, boolean options, int[] lengths, int[] slots, long refreshedMillis) {
        this.id = id;
        this.fieldCount = lengths.length;
        this.scopeCount = scopeCount;
        this.options = options;
        this.lengths = lengths;
        this.slots = slots;
        int min = 0;
        boolean var = false;
        this.offsets = new int[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            int len = lengths[i];
            offsets[i] = min;
            if (len == VARIABLE) {
                var = true;
                min += 1;
            } else {
                min += len;
            }
        }
        this.minRecordLength = min;
        this.variable = var;
        this.layout = options ? null : FixedLayout.compile(lengths, slots);
        this.refreshedMillis = refreshedMillis;
    }

    /** Whether this template declares exactly the given layout, so a re-sent copy can just refresh it. */
    boolean sameAs(int scopes, boolean opts, int[] otherLengths, int[] otherSlots) {
        return scopeCount == scopes && options == opts && Arrays.equals(lengths, otherLengths)
                && Arrays.equals(slots, otherSlots);
    }
}

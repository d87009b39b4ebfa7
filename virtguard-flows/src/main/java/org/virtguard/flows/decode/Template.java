package org.virtguard.flows.decode;

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
        this.refreshedMillis = refreshedMillis;
    }
}

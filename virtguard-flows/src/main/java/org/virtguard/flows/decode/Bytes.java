package org.virtguard.flows.decode;

/** Big-endian reads from a byte array. Callers check bounds before reading. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return s32(b, i) & 0xffff_ffffL;
    }

    static int s32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long s64(byte[] b, int i) {
        return ((long) s32(b, i) << 32) | u32(b, i + 4);
    }

    /** An unsigned integer of 1 to 8 bytes (reduced-size encoding); longer fields keep their last 8 bytes. */
    static long unsigned(byte[] b, int i, int len) {
        switch (len) {
            case 1:
                return b[i] & 0xff;
            case 2:
                return u16(b, i);
            case 4:
                return u32(b, i);
            case 8:
                return s64(b, i);
            default:
                break;
        }
        long v = 0;
        int start = len > 8 ? i + len - 8 : i;
        for (int k = start; k < i + len; k++) {
            v = (v << 8) | (b[k] & 0xff);
        }
        return v;
    }
}

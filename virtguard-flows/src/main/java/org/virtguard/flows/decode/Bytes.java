package org.virtguard.flows.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian reads from a byte array, 2, 4 and 8 bytes at a time through array view handles (one bounds check per
 * read). Callers check bounds before reading; a read beyond the array throws {@link IndexOutOfBoundsException}.
 */
final class Bytes {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return (short) SHORT.get(b, i) & 0xffff;
    }

    static long u32(byte[] b, int i) {
        return s32(b, i) & 0xffff_ffffL;
    }

    static int s32(byte[] b, int i) {
        return (int) INT.get(b, i);
    }

    static long s64(byte[] b, int i) {
        return (long) LONG.get(b, i);
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

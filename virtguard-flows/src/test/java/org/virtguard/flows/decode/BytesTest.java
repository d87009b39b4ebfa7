package org.virtguard.flows.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;

class BytesTest {

    /** Big-endian, byte by byte: the plain reading the fast one must equal. */
    private static long naive(byte[] b, int i, int len) {
        long v = 0;
        for (int k = i; k < i + len; k++) {
            v = (v << 8) | (b[k] & 0xff);
        }
        return v;
    }

    @Test
    void wordReadsEqualByteByByteBigEndianOnSeededRandomBytes() {
        Random rnd = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            byte[] b = new byte[8 + rnd.nextInt(40)];
            rnd.nextBytes(b);
            int i = rnd.nextInt(b.length - 7);
            assertThat(Bytes.u8(b, i)).isEqualTo((int) naive(b, i, 1));
            assertThat(Bytes.u16(b, i)).isEqualTo((int) naive(b, i, 2));
            assertThat(Bytes.s32(b, i)).isEqualTo((int) naive(b, i, 4));
            assertThat(Bytes.u32(b, i)).isEqualTo(naive(b, i, 4));
            assertThat(Bytes.s64(b, i)).isEqualTo(naive(b, i, 8));
            int len = 1 + rnd.nextInt(8);
            assertThat(Bytes.unsigned(b, i, len)).isEqualTo(naive(b, i, len));
        }
    }

    @Test
    void readsBeyondTheArrayThrowIndexOutOfBoundsAsTheDecoderExpects() {
        byte[] b = new byte[10];
        assertThatThrownBy(() -> Bytes.u16(b, 9)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.s32(b, 7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.s64(b, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.s32(b, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.unsigned(b, 8, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}

package org.virtguard.flows.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.time.Duration;

/**
 * Feeds arbitrary bytes to {@link FlowDecoder} as datagrams: nothing may escape, every record handed out must be
 * counted, and template state must stay within its limits. The input is decoded whole and then split in two at a
 * point chosen by its first byte, so templates from one part apply to data in the next. Without
 * {@code JAZZER_FUZZ=1} this runs the seed inputs in {@code FlowDecoderFuzzTestInputs} as a plain test.
 */
class FlowDecoderFuzzTest {

    private static final DecoderLimits LIMITS = new DecoderLimits(4, 16, 64, Duration.ofMinutes(1));

    @FuzzTest(maxDuration = "30s")
    void decodeArbitraryDatagrams(byte[] input) {
        FlowDecoder decoder = new FlowDecoder(LIMITS);
        Exporter exporter = decoder.exporter("127.0.0.1");
        long[] seen = new long[1];
        FlowSink sink = r -> {
            seen[0]++;
            assertThat(r.packets).isNotNegative();
            assertThat(r.bytes).isNotNegative();
            assertThat(r.scaledBytes()).isNotNegative();
            assertThat(r.reverseBytes).isNotNegative();
        };
        decoder.decode(exporter, input, 0, input.length, 1_000, sink);
        decoder.decode(exporter, input, 0, input.length, 2_000, sink);
        if (input.length > 1) {
            int split = 1 + (input[0] & 0xff) % (input.length - 1);
            decoder.decode(exporter, input, 0, split, 3_000, sink);
            decoder.decode(exporter, input, split, input.length - split, 4_000, sink);
        }
        CounterSnapshot counters = exporter.counters().snapshot();
        assertThat(counters.records()).isEqualTo(seen[0]);
        assertThat(counters.datagrams()).isEqualTo(input.length > 1 ? 4 : 2);
        assertThat(exporter.templateCount()).isLessThanOrEqualTo(16);
    }
}

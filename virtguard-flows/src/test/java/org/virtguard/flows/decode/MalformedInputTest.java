package org.virtguard.flows.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every kind of malformed input gives a counted error for that set or datagram, and the valid datagrams around it
 * still decode.
 */
class MalformedInputTest {

    private static final long NOW = 1_700_000_000_000L;

    private final FlowDecoder decoder = new FlowDecoder(new DecoderLimits(8, 4, 64, Duration.ofMinutes(30)));
    private final Exporter exporter = decoder.exporter("192.0.2.1");
    private final List<FlowRecord> flows = new ArrayList<>();

    private void feed(byte[] datagram) {
        feed(datagram, NOW);
    }

    private void feed(byte[] datagram, long now) {
        decoder.decode(exporter, datagram, 0, datagram.length, now, r -> flows.add(r.copy()));
    }

    private CounterSnapshot counters() {
        return exporter.counters().snapshot();
    }

    private static byte[] templates() {
        return DatagramBuilder.ipfixHeader(1_700_000_000L, 0, 7).ipfixTemplate(300).buildIpfix();
    }

    private static byte[] data(long seq, int... ports) {
        return DatagramBuilder.ipfixHeader(1_700_000_000L, seq, 7).ipfixData(300, "10.0.0.1", "10.0.0.2", ports)
                .buildIpfix();
    }

    /** Feeds templates, the broken datagram, then valid data, and checks the valid data came through. */
    private void survives(byte[] broken, DecodeError expected) {
        feed(templates());
        feed(broken);
        feed(data(0, 22, 80));
        assertThat(counters().errorsByKind()).containsKey(expected);
        assertThat(flows).extracting(r -> r.dstPort).endsWith(22, 80);
    }

    @Test
    void validIpfixDecodes() {
        feed(templates());
        feed(data(0, 443));

        assertThat(flows).singleElement().satisfies(r -> {
            assertThat(r.srcAddress()).isEqualTo("10.0.0.1");
            assertThat(r.dstAddress()).isEqualTo("10.0.0.2");
            assertThat(r.dstPort).isEqualTo(443);
            assertThat(r.protocol).isEqualTo(6);
            assertThat(r.packets).isEqualTo(3);
            assertThat(r.bytes).isEqualTo(180);
        });
        assertThat(counters().decodeErrors()).isZero();
        assertThat(counters().records()).isEqualTo(1);
    }

    @Test
    void truncatedDatagram() {
        byte[] whole = data(0, 1, 2, 3);
        survives(Arrays.copyOf(whole, whole.length - 10), DecodeError.TRUNCATED_DATAGRAM);
    }

    @Test
    void headerOnlyFragment() {
        survives(Arrays.copyOf(data(0, 1), 9), DecodeError.TRUNCATED_DATAGRAM);
    }

    @Test
    void setLengthZero() {
        byte[] broken = DatagramBuilder.ipfixHeader(1, 0, 7).u16(300).u16(0).u32(0).buildIpfix();
        survives(broken, DecodeError.BAD_SET_LENGTH);
    }

    @Test
    void setLengthBeyondDatagram() {
        byte[] broken = DatagramBuilder.ipfixHeader(1, 0, 7).u16(300).u16(5000).u32(0).u32(0).buildIpfix();
        survives(broken, DecodeError.BAD_SET_LENGTH);
    }

    @Test
    void zeroLengthTemplateField() {
        byte[] broken = DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(16).u16(301).u16(2).u16(8).u16(4)
                .u16(12).u16(0).buildIpfix();
        survives(broken, DecodeError.BAD_TEMPLATE);
        assertThat(exporter.templateCount()).isEqualTo(1);
    }

    @Test
    void hugeTemplateFieldCannotFitAnyRecord() {
        byte[] template = DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(12).u16(302).u16(1).u16(8).u16(60_000)
                .buildIpfix();
        byte[] dataForIt = DatagramBuilder.ipfixHeader(1, 0, 7).u16(302).u16(24).u64(1).u64(2).u32(3).buildIpfix();
        feed(template);
        survives(dataForIt, DecodeError.RECORD_OVERRUNS_SET);
    }

    @Test
    void fieldCountOverrunsTheSet() {
        byte[] broken = DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(12).u16(303).u16(50).u16(8).u16(4)
                .buildIpfix();
        survives(broken, DecodeError.BAD_TEMPLATE);
    }

    @Test
    void fieldCountAboveLimit() {
        DatagramBuilder b = DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(8 + 100 * 4).u16(304).u16(100);
        for (int i = 0; i < 100; i++) {
            b.u16(1).u16(4);
        }
        survives(b.buildIpfix(), DecodeError.BAD_TEMPLATE);
    }

    @Test
    void variableLengthFieldRunningPastTheSet() {
        byte[] template = DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(16).u16(305).u16(2).u16(8).u16(4)
                .u16(82).u16(0xffff).buildIpfix();
        byte[] broken = DatagramBuilder.ipfixHeader(1, 0, 7).u16(305).u16(4 + 4 + 3 + 4).ipv4("10.0.0.9").u8(255)
                .u16(4000).u32(0).buildIpfix();
        feed(template);
        survives(broken, DecodeError.RECORD_OVERRUNS_SET);
    }

    @Test
    void unknownTemplateIsAMissNotAnError() {
        feed(DatagramBuilder.ipfixHeader(1, 0, 7).ipfixData(999, "10.0.0.1", "10.0.0.2", 1).buildIpfix());
        feed(templates());
        feed(data(0, 22));

        assertThat(counters().templateMisses()).isEqualTo(1);
        assertThat(counters().decodeErrors()).isZero();
        assertThat(flows).extracting(r -> r.dstPort).containsExactly(22);
    }

    @Test
    void unsupportedVersion() {
        byte[] broken = new DatagramBuilder().u16(7).u16(1).u32(0).u32(0).u32(0).build();
        survives(broken, DecodeError.UNSUPPORTED_VERSION);
    }

    @Test
    void emptyAndTinyDatagrams() {
        feed(new byte[0]);
        feed(new byte[] {0, 9});
        assertThat(counters().errorsByKind()).containsEntry(DecodeError.TRUNCATED_DATAGRAM, 2L);
    }

    @Test
    void templateLimitRefusesFurtherTemplatesButKeepsKnownOnes() {
        feed(templates());
        for (int id = 400; id < 410; id++) {
            feed(DatagramBuilder.ipfixHeader(1, 0, 7).ipfixTemplate(id).buildIpfix());
        }
        feed(data(0, 22));

        assertThat(exporter.templateCount()).isEqualTo(4);
        assertThat(counters().errorsByKind()).containsKey(DecodeError.TEMPLATE_LIMIT);
        assertThat(flows).extracting(r -> r.dstPort).containsExactly(22);
    }

    @Test
    void withdrawnTemplateNoLongerDecodes() {
        feed(templates());
        feed(DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(8).u16(300).u16(0).buildIpfix());
        feed(data(0, 22));

        assertThat(flows).isEmpty();
        assertThat(counters().templateMisses()).isEqualTo(1);
    }

    @Test
    void withdrawAllTemplatesOfTheDomain() {
        feed(templates());
        feed(DatagramBuilder.ipfixHeader(1, 0, 7).u16(2).u16(8).u16(2).u16(0).buildIpfix());

        assertThat(exporter.templateCount()).isZero();
    }

    @Test
    void expiredTemplateNoLongerDecodes() {
        feed(templates());
        feed(data(0, 22), NOW + Duration.ofMinutes(31).toMillis());

        assertThat(flows).isEmpty();
        assertThat(counters().templateMisses()).isEqualTo(1);
    }

    @Test
    void templatesAreKeptPerObservationDomain() {
        feed(templates());
        feed(DatagramBuilder.ipfixHeader(1, 0, 8).ipfixData(300, "10.0.0.1", "10.0.0.2", 1).buildIpfix());

        assertThat(flows).isEmpty();
        assertThat(counters().templateMisses()).isEqualTo(1);
    }

    @Test
    void sequenceGapsAreCounted() {
        feed(templates());
        feed(data(0, 1));
        feed(data(1, 2));
        feed(data(5, 3));

        assertThat(counters().sequenceGaps()).isEqualTo(1);
    }

    @Test
    void v9ZeroLengthFieldAndSetOverrun() {
        byte[] template = DatagramBuilder.v9Header(1, 1000, 1_700_000_000L, 1, 3).u16(0).u16(12).u16(260).u16(1)
                .u16(8).u16(0).build();
        byte[] overrun = DatagramBuilder.v9Header(1, 1000, 1_700_000_000L, 2, 3).u16(260).u16(200).u32(0).build();
        feed(template);
        feed(overrun);

        assertThat(counters().errorsByKind()).containsKeys(DecodeError.BAD_TEMPLATE, DecodeError.BAD_SET_LENGTH);
    }

    @Test
    void v5CountBeyondTheDatagramDecodesWhatIsThere() {
        DatagramBuilder b = new DatagramBuilder().u16(5).u16(30).u32(1000).u32(1_700_000_000L).u32(0).u32(0)
                .u16(0).u16(0);
        b.ipv4("10.1.1.1").ipv4("10.1.1.2").u32(0).u16(1).u16(2).u32(5).u32(500).u32(10).u32(20).u16(1234)
                .u16(22).u8(0).u8(0x02).u8(6).u8(0).u16(0).u16(0).u8(24).u8(24).u16(0);
        feed(b.build());

        assertThat(flows).singleElement().satisfies(r -> {
            assertThat(r.dstPort).isEqualTo(22);
            assertThat(r.tcpFlags).isEqualTo(0x02);
            assertThat(r.startMillis).isEqualTo(1_700_000_000_000L - 1000 + 10);
        });
        assertThat(counters().errorsByKind()).containsKey(DecodeError.TRUNCATED_DATAGRAM);
    }

    @Test
    void sflowSampleLengthBeyondDatagram() {
        byte[] broken = new DatagramBuilder().u32(5).u32(1).ipv4("192.0.2.1").u32(0).u32(1).u32(100).u32(1)
                .u32(1).u32(10_000).u32(0).build();
        survives(broken, DecodeError.BAD_SFLOW_SAMPLE);
    }

    @Test
    void sflowUnknownAgentAddressType() {
        byte[] broken = new DatagramBuilder().u32(5).u32(9).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).build();
        survives(broken, DecodeError.BAD_SFLOW_SAMPLE);
    }

    @Test
    void sflowFlowSampleWithRawEthernetHeaderDecodesToL4() {
        byte[] frame = new DatagramBuilder().u16(0x0200).u32(2).u16(0x0200).u32(1).u16(0x0800)
                .u8(0x45).u8(0).u16(40).u32(0).u8(64).u8(6).u16(0).ipv4("10.9.0.1").ipv4("10.9.0.2")
                .u16(5555).u16(8006).u32(0).u32(0).u8(0x50).u8(0x02).u16(0).u32(0).build();
        DatagramBuilder sample = new DatagramBuilder().u32(1).u32(7).u32(64).u32(0).u32(0).u32(3).u32(4).u32(1)
                .u32(1).u32(16 + frame.length).u32(1).u32(64).u32(0).u32(frame.length).bytes(frame);
        byte[] sampleBytes = sample.build();
        DatagramBuilder datagram = new DatagramBuilder().u32(5).u32(1).ipv4("192.0.2.1").u32(0).u32(1).u32(100)
                .u32(2).u32(2).u32(8).u64(0).u32(1).u32(sampleBytes.length).bytes(sampleBytes);
        feed(datagram.build());

        assertThat(flows).singleElement().satisfies(r -> {
            assertThat(r.srcAddress()).isEqualTo("10.9.0.1");
            assertThat(r.dstPort).isEqualTo(8006);
            assertThat(r.tcpFlags).isEqualTo(0x02);
            assertThat(r.samplingInterval).isEqualTo(64);
            assertThat(r.scaledBytes()).isEqualTo(64 * 64);
            assertThat(r.inputInterface).isEqualTo(3);
        });
        assertThat(counters().decodeErrors()).isZero();
    }
}

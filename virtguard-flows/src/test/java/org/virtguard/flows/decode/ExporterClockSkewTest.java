package org.virtguard.flows.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.virtguard.flows.evaluate.ClockSkewAlert;
import org.virtguard.flows.evaluate.FlowContext;
import org.virtguard.model.Alert;

/** Datagrams whose flow times lie three days ahead of their arrival, in each export protocol. */
class ExporterClockSkewTest {

    private static final long ARRIVAL = Instant.parse("2026-12-07T21:00:00Z").toEpochMilli();
    private static final long THREE_DAYS = Duration.ofDays(3).toMillis();

    private static BiFunction<Long, int[], byte[]> encoder(String protocol) {
        return switch (protocol) {
            case "v5" -> SkewedExports::v5;
            case "v9" -> SkewedExports::v9;
            default -> SkewedExports::ipfix;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5", "v9", "ipfix"})
    void recordsKeepTheExporterTimeWhileSkewIsCountedReportedAndKeptOutOfDetectionTime(String protocol) {
        FlowDecoder decoder = new FlowDecoder();
        List<Alert> reported = new ArrayList<>();
        decoder.clockSkewListener((exporter, skew) -> reported.add(ClockSkewAlert.of(exporter, skew)));
        Exporter skewed = decoder.exporter("192.0.2.5");
        Exporter onTime = decoder.exporter("2001:db8::9");
        List<long[]> times = new ArrayList<>();
        FlowContext context = new FlowContext();
        FlowSink sink = r -> times.add(new long[] {r.endMillis, context.set(r, null, null).timeMillis()});

        for (int i = 0; i < 3; i++) {
            long arrival = ARRIVAL + i * 1000L;
            decoder.decode(skewed, data(protocol, arrival + THREE_DAYS), 0, data(protocol, arrival + THREE_DAYS).length,
                    arrival, sink);
        }
        byte[] good = data(protocol, ARRIVAL + 2000);
        decoder.decode(onTime, good, 0, good.length, ARRIVAL + 2500, sink);

        assertThat(times).hasSize(3 * 2 + 2);
        for (int i = 0; i < 6; i++) {
            long arrival = ARRIVAL + (i / 2) * 1000L;
            assertThat(times.get(i)[0]).as("exporter time kept").isEqualTo(arrival + THREE_DAYS - 1000);
            assertThat(times.get(i)[1]).as("detection time").isEqualTo(arrival + ClockSkew.MAX_AHEAD_MILLIS);
        }
        assertThat(times.get(6)[0]).isEqualTo(ARRIVAL + 1000);
        assertThat(times.get(6)[1]).as("a correct clock's time is used as sent").isEqualTo(ARRIVAL + 1000);

        CounterSnapshot bad = skewed.counters().snapshot();
        assertThat(bad.clockAheadRecords()).isEqualTo(6);
        assertThat(bad.maxClockAheadMillis()).isEqualTo(THREE_DAYS - 1000);
        assertThat(bad.clockWarning()).get().asString().contains("192.0.2.5").contains("2 d 23 h ahead");
        assertThat(onTime.counters().snapshot().clockSkewed()).isFalse();
        assertThat(onTime.counters().snapshot().clockWarning()).isEmpty();

        assertThat(reported).as("reported once: the later datagrams arrive within the same minute").hasSize(1);
        Alert alert = reported.getFirst();
        assertThat(alert.kind()).isEqualTo(ClockSkewAlert.KIND);
        assertThat(alert.source().address()).isEqualTo("192.0.2.5");
        assertThat(alert.lastSeen()).as("dated by arrival, not by the exporter's clock")
                .isEqualTo(Instant.ofEpochMilli(ARRIVAL));
        assertThat(alert.title()).contains("2 d 23 h ahead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5", "v9", "ipfix"})
    void skewGoingOnIsReportedAgainAMinuteOfArrivalLaterWithTheSameKey(String protocol) {
        FlowDecoder decoder = new FlowDecoder();
        List<Alert> reported = new ArrayList<>();
        decoder.clockSkewListener((exporter, skew) -> reported.add(ClockSkewAlert.of(exporter, skew)));
        Exporter skewed = decoder.exporter("192.0.2.5");
        for (long arrival : new long[] {ARRIVAL, ARRIVAL + 30_000, ARRIVAL + 61_000}) {
            byte[] d = data(protocol, arrival + THREE_DAYS);
            decoder.decode(skewed, d, 0, d.length, arrival, r -> { });
        }
        assertThat(reported).hasSize(2);
        assertThat(reported.get(1).key()).isEqualTo(reported.get(0).key());
        assertThat(reported.get(1).count()).as("reported once the third datagram is decoded").isEqualTo(6);
        assertThat(reported.get(1).firstSeen()).isEqualTo(Instant.ofEpochMilli(ARRIVAL));
        assertThat(reported.get(1).lastSeen()).isEqualTo(Instant.ofEpochMilli(ARRIVAL + 61_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5", "v9", "ipfix"})
    void aClockWithinTheBoundIsNotSkew(String protocol) {
        FlowDecoder decoder = new FlowDecoder();
        Exporter ex = decoder.exporter("192.0.2.7");
        byte[] d = data(protocol, ARRIVAL + ClockSkew.MAX_AHEAD_MILLIS);
        decoder.decode(ex, d, 0, d.length, ARRIVAL, r -> { });
        assertThat(ex.counters().snapshot().records()).isEqualTo(2);
        assertThat(ex.counters().snapshot().clockSkewed()).isFalse();
    }

    private static byte[] data(String protocol, long exporterNow) {
        return encoder(protocol).apply(exporterNow, new int[] {22, 443});
    }
}

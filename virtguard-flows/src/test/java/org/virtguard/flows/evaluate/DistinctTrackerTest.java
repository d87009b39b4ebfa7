package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.decode.FlowRecord;

/**
 * The open-addressing {@link DistinctTracker} against {@link ReferenceDistinctTracker} (the object-per-source
 * implementation it replaced): seeded random streams over small key spaces, so that repeated values, window
 * resets, full value sets with throttled expiry, evidence rings and the bound on sources are all exercised, must
 * give the same answer on every call.
 */
class DistinctTrackerTest {

    @Test
    void behavesLikeTheReferenceOnSeededRandomStreams() {
        int alerts = 0;
        for (int seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            long window = 1 + random.nextInt(5_000);
            int threshold = 2 + random.nextInt(random.nextBoolean() ? 6 : 40);
            int evidence = 1 + random.nextInt(6);
            int maxSources = 1 + random.nextInt(random.nextBoolean() ? 8 : 300);
            DistinctTracker tracker = new DistinctTracker(window, threshold, evidence, maxSources);
            ReferenceDistinctTracker reference = new ReferenceDistinctTracker(window, threshold, evidence, maxSources);
            int sources = 1 + random.nextInt(random.nextBoolean() ? 4 : 300);
            int values = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
            long now = random.nextInt(100_000) - 50_000;
            int step = random.nextBoolean() ? 20 : 2_000;
            FlowRecord flow = new FlowRecord();
            for (int op = 0; op < 20_000; op++) {
                now += switch (random.nextInt(10)) {
                    case 0 -> window + random.nextInt((int) window + 1);
                    case 1 -> -random.nextInt((int) window + 1);
                    default -> random.nextInt((int) Math.max(1, window / step));
                };
                long hi = random.nextInt(3) == 0 ? random.nextInt(3) : -1;
                long lo = random.nextInt(sources);
                long value = random.nextInt(values) * 0x1_0000_0001L;
                flow.srcLo = op;
                flow.dstPort = (int) (value & 0xffff);
                DistinctTracker.Source got = tracker.observe(hi, lo, value, now, flow);
                ReferenceDistinctTracker.Source want = reference.observe(hi, lo, value, now, flow);
                String where = "seed " + seed + " op " + op;
                assertThat(got == null).as(where).isEqualTo(want == null);
                if (want != null) {
                    alerts++;
                    assertThat(got.distinct()).as(where).isEqualTo(want.distinct());
                    assertThat(got.firstSeen).as(where).isEqualTo(want.firstSeen);
                    assertThat(got.lastSeen).as(where).isEqualTo(want.lastSeen);
                    assertThat(got.flows).as(where).isEqualTo(want.flows);
                    assertThat(got.evidenceText()).as(where).isEqualTo(want.evidenceText());
                }
            }
            assertThat(tracker.size()).as("seed " + seed).isLessThanOrEqualTo(maxSources);
        }
        assertThat(alerts).as("the streams must reach thresholds to compare anything").isGreaterThan(100);
    }

    @Test
    void aSourceReachingTheThresholdAlertsOnceWithItsEvidence() {
        DistinctTracker tracker = new DistinctTracker(60_000, 3, 2, 100);
        FlowRecord flow = new FlowRecord();
        assertThat(tracker.observe(-1, 7, 80, 1_000, flow)).isNull();
        assertThat(tracker.observe(-1, 7, 80, 1_001, flow)).isNull();
        assertThat(tracker.observe(-1, 7, 81, 1_002, flow)).isNull();
        flow.dstPort = 82;
        DistinctTracker.Source s = tracker.observe(-1, 7, 82, 1_003, flow);

        assertThat(s).isNotNull();
        assertThat(s.distinct()).isEqualTo(3);
        assertThat(s.flows).isEqualTo(4);
        assertThat(s.firstSeen).isEqualTo(1_000);
        assertThat(s.lastSeen).isEqualTo(1_003);
        assertThat(s.evidenceText()).hasSize(2).last().asString().contains(":82");
        assertThat(tracker.observe(-1, 7, 83, 1_004, flow)).isNull();
    }
}

package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The open-addressing {@link IncidentTable} against a plain map on seeded random streams. */
class IncidentTableTest {

    /** The reference: the same rules over a {@link HashMap}. */
    private static final class Reference {
        private final Map<List<Long>, long[]> incidents = new HashMap<>();
        private final long window;
        private final int max;

        Reference(long window, int max) {
            this.window = window;
            this.max = max;
        }

        /** {first, last, count} when due to be reported, else null. */
        long[] occur(long hi, long lo, long now) {
            List<Long> key = List.of(hi, lo);
            long[] i = incidents.get(key);
            if (i == null) {
                if (incidents.size() >= max) {
                    incidents.clear();
                }
                i = new long[] {now, 0, 0, Long.MIN_VALUE};
                incidents.put(key, i);
            }
            i[1] = Math.max(i[1], now);
            i[2]++;
            if (i[3] == Long.MIN_VALUE || now - i[3] >= window) {
                i[3] = now;
                return new long[] {i[0], i[1], i[2]};
            }
            return null;
        }
    }

    @Test
    void behavesLikeAPlainMapOnSeededRandomStreams() {
        for (int seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            long window = 1 + random.nextInt(10_000);
            int max = 1 + random.nextInt(random.nextBoolean() ? 10 : 2_000);
            int keys = 1 + random.nextInt(random.nextBoolean() ? 20 : 5_000);
            IncidentTable table = new IncidentTable(window, max);
            Reference reference = new Reference(window, max);
            long now = random.nextInt(1_000_000) - 500_000;
            int reports = 0;
            for (int op = 0; op < 30_000; op++) {
                now += random.nextInt(10) == 0 ? -random.nextInt(1_000) : random.nextInt(200);
                long hi = random.nextInt(4) == 0 ? random.nextLong() % 3 : -1;
                long lo = random.nextInt(keys) * 0x1_0001L;
                IncidentTable.Incident got = table.occur(hi, lo, now);
                long[] want = reference.occur(hi, lo, now);
                String where = "seed " + seed + " op " + op;
                assertThat(got == null).as(where).isEqualTo(want == null);
                if (want != null) {
                    reports++;
                    assertThat(new long[] {got.first, got.last, got.count}).as(where).containsExactly(want);
                }
            }
            assertThat(table.size()).as("seed " + seed).isLessThanOrEqualTo(max);
            assertThat(reports).isPositive();
        }
    }
}

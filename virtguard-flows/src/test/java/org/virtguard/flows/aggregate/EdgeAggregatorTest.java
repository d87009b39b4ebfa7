package org.virtguard.flows.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.FlowBuilder;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.evaluate.FlowContext;
import org.virtguard.model.Endpoint;
import org.virtguard.model.TrustZone;

class EdgeAggregatorTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final Comparator<FlowEdge> ORDER = Comparator.comparing(FlowEdge::minute)
            .thenComparing(FlowEdge::kind).thenComparing(FlowEdge::from).thenComparing(FlowEdge::to)
            .thenComparing(FlowEdge::eastWestOnHost);

    /** The aggregation without the edge cache: one map lookup per edge, the behaviour to keep. */
    private static final class Reference {
        record Key(long minute, EdgeKind kind, String from, String to, boolean onHost) {
        }

        final Map<Key, long[]> edges = new HashMap<>();
        final int max;
        long dropped;

        Reference(int max) {
            this.max = max;
        }

        void add(FlowContext f) {
            long minute = Math.floorDiv(f.timeMillis(), 60_000L) * 60_000L;
            if (f.source.vmName() != null && f.destination.vmName() != null) {
                add(new Key(minute, EdgeKind.VM, f.source.vmName(), f.destination.vmName(), f.eastWestOnHost()),
                        f.record);
            }
            if (f.source.zone() != null && f.destination.zone() != null) {
                add(new Key(minute, EdgeKind.ZONE, f.source.zone().name(), f.destination.zone().name(), false),
                        f.record);
            }
        }

        private void add(Key k, FlowRecord r) {
            long[] s = edges.get(k);
            if (s == null) {
                if (edges.size() >= max) {
                    dropped++;
                    return;
                }
                s = new long[3];
                edges.put(k, s);
            }
            s[0]++;
            s[1] += r.scaledPackets();
            s[2] += r.scaledBytes();
        }

        List<FlowEdge> drainBefore(long epochMillis) {
            List<FlowEdge> out = new ArrayList<>();
            edges.entrySet().removeIf(e -> {
                Key k = e.getKey();
                if (k.minute + 60_000L > epochMillis) {
                    return false;
                }
                long[] s = e.getValue();
                out.add(new FlowEdge(Instant.ofEpochMilli(k.minute), k.kind, k.from, k.to, k.onHost, s[0], s[1],
                        s[2]));
                return true;
            });
            return out;
        }
    }

    private static List<FlowEdge> sorted(List<FlowEdge> edges) {
        List<FlowEdge> out = new ArrayList<>(edges);
        out.sort(ORDER);
        return out;
    }

    @Test
    void cachedEdgesSumExactlyAsPlainMapLookupsOnSeededRandomFlows() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            int max = seed % 4 == 0 ? 7 : 10_000;
            EdgeAggregator aggregator = new EdgeAggregator(max);
            Reference reference = new Reference(max);
            TrustZone[] zones = {new TrustZone("web", 1, false), new TrustZone("db", 4, false),
                new TrustZone("mgmt", 5, true)};
            String[] hosts = {"h1", "h2"};
            List<Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String vm = i < 8 ? "vm" + i : null;
                endpoints.add(new Endpoint(null, null, vm == null ? null : "id-" + vm, vm,
                        vm == null ? null : hosts[i % 2], null, i == 11 ? null : zones[i % 3], false));
            }
            long time = T0;
            for (int n = 0; n < 5_000; n++) {
                time += rnd.nextInt(400);
                Endpoint src = endpoints.get(rnd.nextInt(endpoints.size()));
                Endpoint dst = endpoints.get(rnd.nextInt(endpoints.size()));
                if (rnd.nextInt(10) == 0 && src.vmName() != null) {
                    // an equal name that is not the same object: must still land on the same edge
                    src = new Endpoint(null, null, src.vmId(), new String(src.vmName()), src.hostId(), null,
                            src.zone(), false);
                }
                FlowRecord r = FlowBuilder.tcp("10.0.0.1", 40_000, "10.0.0.2", 443, 0x10, time
                        - rnd.nextInt(90_000));
                r.packets = 1 + rnd.nextInt(50);
                r.bytes = 40 + rnd.nextInt(100_000);
                r.samplingInterval = 1 + rnd.nextInt(3);
                FlowContext f = new FlowContext().set(r, src, dst);
                aggregator.add(f);
                reference.add(f);
                if (rnd.nextInt(400) == 0) {
                    long cut = time - rnd.nextInt(120_000);
                    assertThat(sorted(aggregator.drainBefore(cut))).as("seed %d flow %d", seed, n)
                            .isEqualTo(sorted(reference.drainBefore(cut)));
                }
            }
            assertThat(sorted(aggregator.drainAll())).as("seed %d", seed)
                    .isEqualTo(sorted(reference.drainBefore(Long.MAX_VALUE - 60_000L)));
            assertThat(aggregator.droppedEdges()).as("seed %d", seed).isEqualTo(reference.dropped);
        }
    }
}

package org.virtguard.store.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class FlowEdgeRepositoryTest {

    private static final Instant M0 = Instant.parse("2026-11-22T08:00:00Z");
    private static final Instant M1 = M0.plusSeconds(60);

    @DatabaseTest
    void addingAnEdgeTwiceSumsItsCounters(Store store) {
        FlowEdgeRepository flows = store.flows();
        flows.add(List.of(new StoredFlowEdge(M0, "VM", "web01", "db01", true, 2, 20, 2000),
                new StoredFlowEdge(M0, "ZONE", "web", "db", false, 2, 20, 2000)));
        flows.add(List.of(new StoredFlowEdge(M0, "VM", "web01", "db01", true, 1, 5, 500),
                new StoredFlowEdge(M1, "VM", "web01", "db01", true, 1, 1, 100)));

        assertThat(flows.list("VM", M0, M1)).containsExactly(
                new StoredFlowEdge(M0, "VM", "web01", "db01", true, 3, 25, 2500));
        assertThat(flows.list("VM", M0, M1.plusSeconds(60))).hasSize(2);
        assertThat(flows.list("ZONE", M0, M1)).singleElement().satisfies(e -> assertThat(e.bytes()).isEqualTo(2000));
    }

    @DatabaseTest
    void retentionDeletesOldMinutes(Store store) {
        FlowEdgeRepository flows = store.flows();
        flows.add(List.of(new StoredFlowEdge(M0, "VM", "a", "b", false, 1, 1, 1),
                new StoredFlowEdge(M1, "VM", "a", "b", false, 1, 1, 1)));

        assertThat(flows.deleteBefore(M1)).isEqualTo(1);
        assertThat(flows.list("VM", M0, M1.plusSeconds(60))).extracting(StoredFlowEdge::minute).containsExactly(M1);
    }

    @DatabaseTest
    void edgesTouchingAVmAreTheOnesFromOrToItNewestFirst(Store store) {
        FlowEdgeRepository flows = store.flows();
        flows.add(List.of(new StoredFlowEdge(M0, "VM", "web01", "db01", true, 1, 1, 1),
                new StoredFlowEdge(M1, "VM", "jump01", "web01", false, 1, 1, 1),
                new StoredFlowEdge(M1, "VM", "jump01", "db01", false, 1, 1, 1),
                new StoredFlowEdge(M1, "ZONE", "web01", "x", false, 1, 1, 1)));

        assertThat(flows.touching("VM", "web01", M0, M1.plusSeconds(60), 10))
                .extracting(e -> e.from() + ">" + e.to()).containsExactly("jump01>web01", "web01>db01");
        assertThat(flows.touching("VM", "web01", M0, M1.plusSeconds(60), 1)).hasSize(1);
    }
}

package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.FlowBuilder;
import org.virtguard.flows.TestInventory;
import org.virtguard.flows.enrich.EndpointIndex;
import org.virtguard.flows.decode.FlowRecord;

class PolicyRecommenderTest {

    private static final int ACK_PSH = 0x18;

    private final TestInventory inv = new TestInventory().host("h1", "kvm01")
            .vm("vm-1", "web01", "h1", "10.1.0.5", null).vm("vm-2", "db01", "h1", "10.2.0.5", null)
            .zone("10.1.0.0/24", "web", 1, false).zone("10.2.0.0/24", "db", 4, false);
    private final EndpointIndex index = EndpointIndex.build(inv.hosts, inv.vms, inv.networks, inv.zones());
    private final PolicyRecommender recommender = new PolicyRecommender(1000);

    private void observe(FlowRecord r) {
        recommender.observe(new FlowContext().set(r, index.lookup(r, true), index.lookup(r, false)));
    }

    @Test
    void proposesExactlyTheObservedClientToServerPorts() {
        observe(FlowBuilder.tcp("10.1.0.5", 40000, "10.2.0.5", 5432, ACK_PSH, 0));
        observe(FlowBuilder.tcp("10.2.0.5", 5432, "10.1.0.5", 40000, ACK_PSH, 0));
        observe(FlowBuilder.tcp("10.1.0.5", 40001, "10.2.0.5", 5432, ACK_PSH, 0));

        assertThat(recommender.zonePermissions()).containsExactly(
                new PolicyRecommender.Permission("web", "db", 6, 5432, 3));
        assertThat(recommender.vmPermissions()).extracting(PolicyRecommender.Permission::from).containsExactly("web01");
    }

    @Test
    void exportsReviewableYamlThatParsesBackIntoTheSamePolicy() {
        observe(FlowBuilder.tcp("10.1.0.5", 40000, "10.2.0.5", 5432, ACK_PSH, 0));

        SegmentationPolicy policy = org.virtguard.flows.Matrices.policy(recommender.yaml());
        assertThat(policy.decide("web", "db", null, null, 6, 5432))
                .isEqualTo(SegmentationPolicy.Decision.ALLOWED_BY_RULE);
        assertThat(policy.decide("web", "db", null, null, 6, 22))
                .isEqualTo(SegmentationPolicy.Decision.DENIED_BY_DEFAULT);
    }

    @Test
    void exportsNftablesAndNwfilter() {
        observe(FlowBuilder.tcp("10.1.0.5", 40000, "10.2.0.5", 5432, ACK_PSH, 0));

        assertThat(recommender.nftables())
                .contains("set zone_web_v4 { type ipv4_addr; elements = { 10.1.0.5 } }")
                .contains("ip saddr @zone_web_v4 ip daddr @zone_db_v4 tcp dport 5432 accept")
                .contains("ip saddr @zone_db_v4 ip daddr @zone_web_v4 drop");
        assertThat(recommender.nwfilter())
                .contains("<filter name='virtguard-web01' chain='root'>")
                .contains("<rule action='accept' direction='out' priority='500'><tcp dstipaddr='10.2.0.5' dstportstart='5432' state='NEW'/></rule>")
                .contains("<rule action='accept' direction='in' priority='500'><tcp srcipaddr='10.1.0.5' dstportstart='5432' state='NEW'/></rule>");
    }
}

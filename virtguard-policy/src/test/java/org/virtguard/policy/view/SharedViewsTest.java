package org.virtguard.policy.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.model.Collected;
import org.virtguard.model.L2SecurityPolicy;
import org.virtguard.model.Network;
import org.virtguard.model.NetworkKind;
import org.virtguard.model.TrustZone;
import org.virtguard.model.VlanConfig;

/** Shared small views hold exactly the values a view of their own would, and stay bounded. */
class SharedViewsTest {

    @Test
    void everyL2PolicyGetsItsOwnValues() {
        List<Collected<Boolean>> states = List.of(Collected.notCollected("no permission"), Collected.of(false),
                Collected.of(true));
        for (Collected<Boolean> p : states) {
            for (Collected<Boolean> f : states) {
                for (Collected<Boolean> m : states) {
                    Map<?, ?> l2 = (Map<?, ?>) Views.network(network(new L2SecurityPolicy(p, f, m),
                            VlanConfig.access(10))).get("l2");
                    Map<String, Object> expected = new HashMap<>();
                    put(expected, "promiscuous", p);
                    put(expected, "forgedTransmits", f);
                    put(expected, "macChanges", m);
                    assertThat(l2).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void equalZonesAndVlansShareOneViewUpToTheBound() {
        assertThat(Views.zone(new TrustZone("dmz", 10, false)))
                .isSameAs(Views.zone(new TrustZone("dmz", 10, false)))
                .isEqualTo(Map.of("name", "dmz", "trust", 10L, "management", false));
        assertThat(Views.zone(new TrustZone("dmz", 20, false)).get("trust")).isEqualTo(20L);

        L2SecurityPolicy l2 = new L2SecurityPolicy(Collected.of(false), Collected.of(false), Collected.of(false));
        for (int i = 0; i < SharedViews.BOUND + 50; i++) {
            List<Integer> ids = List.of(1 + i % 4000, 4001 + i / 4000);
            Map<?, ?> vlan = (Map<?, ?>) Views.network(network(l2,
                    new VlanConfig(org.virtguard.model.VlanMode.TRUNK, ids, List.of()))).get("vlan");
            assertThat(vlan.get("ids")).isEqualTo(ids.stream().map(Integer::longValue).toList());
            assertThat(vlan.get("mode")).isEqualTo("TRUNK");
        }
        SharedViews<Integer> bounded = new SharedViews<>(k -> Map.of("k", k));
        for (int i = 0; i < SharedViews.BOUND + 10; i++) {
            assertThat(bounded.of(i)).isEqualTo(Map.of("k", i));
        }
        assertThat(bounded.size()).isEqualTo(SharedViews.BOUND);
        assertThat(bounded.of(SharedViews.BOUND + 5)).isEqualTo(Map.of("k", SharedViews.BOUND + 5));
    }

    private static void put(Map<String, Object> m, String key, Collected<Boolean> value) {
        if (value.isCollected()) {
            m.put(key, value.value());
        }
    }

    private static Network network(L2SecurityPolicy l2, VlanConfig vlan) {
        return new Network("h/pg", "h", "pg", NetworkKind.STANDARD_PORT_GROUP, "vSwitch0", null, null,
                Collected.of(vlan), List.of(), l2, true, Map.of());
    }
}

package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.evaluate.SegmentationPolicy.Decision;
import org.virtguard.model.zones.SegmentationMatrix;
import org.virtguard.model.zones.SegmentationMatrix.PortRange;

class SegmentationPolicyTest {

    private static final SegmentationPolicy POLICY = org.virtguard.flows.Matrices.policy("""
            segmentation:
              betweenZones: deny
              withinZone: allow
              rules:
                - {name: pci-isolation, from: "*", to: "*", fromClassification: pci, toClassification: public, action: deny}
                - {name: web-to-app, from: web, to: app, protocol: tcp, ports: [8080, "8443-8444"]}
                - {name: app-dns, from: app, to: infra, protocol: udp, ports: [53]}
            """);

    @Test
    void allowsOnlyTheListedProtocolsAndPortsBetweenZones() {
        assertThat(POLICY.decide("web", "app", null, null, 6, 8080)).isEqualTo(Decision.ALLOWED_BY_RULE);
        assertThat(POLICY.decide("web", "app", null, null, 6, 8444)).isEqualTo(Decision.ALLOWED_BY_RULE);
        assertThat(POLICY.lastRule().name()).isEqualTo("web-to-app");
        assertThat(POLICY.decide("web", "app", null, null, 6, 22)).isEqualTo(Decision.DENIED_BY_DEFAULT);
        assertThat(POLICY.decide("web", "app", null, null, 17, 8080)).isEqualTo(Decision.DENIED_BY_DEFAULT);
        assertThat(POLICY.decide("app", "web", null, null, 6, 8080)).isEqualTo(Decision.DENIED_BY_DEFAULT);
        assertThat(POLICY.decide("app", "app", null, null, 6, 22)).isEqualTo(Decision.ALLOWED_BY_DEFAULT);
    }

    @Test
    void classificationRulesApplyEvenInsideOneZone() {
        assertThat(POLICY.decide("app", "app", "pci", "public", 6, 443)).isEqualTo(Decision.DENIED_BY_RULE);
        assertThat(POLICY.lastRule().name()).isEqualTo("pci-isolation");
        assertThat(POLICY.decide("app", "app", "pci", "pci", 6, 443)).isEqualTo(Decision.ALLOWED_BY_DEFAULT);
    }

    @Test
    void isBuiltFromTheZonePolicyMatrixInOrder() {
        SegmentationMatrix matrix = new SegmentationMatrix(true, false, List.of(
                new SegmentationMatrix.Rule("vnc", "mgmt", "*", null, null, 6, List.of(new PortRange(5900, 5910)),
                        true),
                new SegmentationMatrix.Rule("no-mgmt", "mgmt", "*", null, null, -1, List.of(), false)));
        SegmentationPolicy p = SegmentationPolicy.from(matrix);
        assertThat(p.allowBetweenZones()).isTrue();
        assertThat(p.allowWithinZone()).isFalse();
        assertThat(p.decide("mgmt", "web", null, null, 6, 5905)).isEqualTo(Decision.ALLOWED_BY_RULE);
        assertThat(p.lastRule().name()).isEqualTo("vnc");
        assertThat(p.decide("mgmt", "web", null, null, 6, 5911)).isEqualTo(Decision.DENIED_BY_RULE);
        assertThat(p.lastRule().name()).isEqualTo("no-mgmt");
        assertThat(p.decide("web", "db", null, null, 6, 22)).isEqualTo(Decision.ALLOWED_BY_DEFAULT);
        assertThat(p.decide("web", "web", null, null, 6, 22)).isEqualTo(Decision.DENIED_BY_DEFAULT);
        assertThat(SegmentationPolicy.from(SegmentationMatrix.denyBetweenZones()).decide("a", "b", null, null, 6, 1))
                .isEqualTo(Decision.DENIED_BY_DEFAULT);
    }
}

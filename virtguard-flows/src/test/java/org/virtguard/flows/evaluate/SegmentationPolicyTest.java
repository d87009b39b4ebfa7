package org.virtguard.flows.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.virtguard.flows.evaluate.SegmentationPolicy.Decision;

class SegmentationPolicyTest {

    private static final SegmentationPolicy POLICY = SegmentationPolicy.parse("""
            segmentation:
              betweenZones: deny
              withinZone: allow
              rules:
                - {name: pci-isolation, from: "*", to: "*", fromClassification: pci, toClassification: public, action: deny}
                - {name: web-to-app, from: web, to: app, protocol: tcp, ports: [8080, "8443-8444"]}
                - {name: app-dns, from: app, to: infra, protocol: udp, ports: [53]}
            """, "policy.yaml");

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
    void errorsNameTheSourceAndField() {
        assertThatThrownBy(() -> SegmentationPolicy.parse("segmentation:\n  rules:\n    - {from: a, to: b, protocol: tcpp}\n",
                "p.yaml")).hasMessageContaining("p.yaml: segmentation.rules[0].protocol").hasMessageContaining("tcpp");
        assertThatThrownBy(() -> SegmentationPolicy.parse("segmentation:\n  rules:\n    - {from: a, to: b, ports: [\"9-1\"]}\n",
                "p.yaml")).hasMessageContaining("segmentation.rules[0].ports[0]");
        assertThatThrownBy(() -> SegmentationPolicy.parse("segmentation:\n  rules:\n    - {form: a, to: b}\n",
                "p.yaml")).hasMessageContaining("unknown field 'form'");
        assertThatThrownBy(() -> SegmentationPolicy.parse("segmentation:\n  betweenZones: maybe\n", "p.yaml"))
                .hasMessageContaining("segmentation.betweenZones");
        assertThatThrownBy(() -> SegmentationPolicy.parse("rules: []\n", "p.yaml"))
                .hasMessageContaining("missing top-level 'segmentation:'");
        assertThatThrownBy(() -> SegmentationPolicy.parse("segmentation: [\n", "p.yaml"))
                .hasMessageContaining("p.yaml: not valid YAML");
    }

    @Test
    void zonesSectionGivesAStandAloneResolver() {
        var zones = SegmentationPolicy.zones("""
                zones:
                  - {name: mgmt, trust: 5, management: true, cidrs: ["192.0.2.0/24"]}
                segmentation: {}
                """, "z.yaml");
        assertThat(zones.zoneOfAddress("192.0.2.7")).get().satisfies(z -> {
            assertThat(z.name()).isEqualTo("mgmt");
            assertThat(z.management()).isTrue();
        });
        assertThat(zones.zoneOfAddress("198.51.100.1")).isEmpty();
    }
}

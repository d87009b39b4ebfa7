package org.virtguard.policy.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.virtguard.model.zones.AddressZone;
import org.virtguard.model.zones.SegmentationMatrix;
import org.virtguard.model.zones.SegmentationMatrix.PortRange;
import org.virtguard.policy.check.CheckLoadException;

/** The {@code segmentation:} section of the zone policy file. */
class SegmentationSectionTest {

    private static final String ZONES = """
            zones:
              - name: web
                trust: 10
                match: {cidrs: ["10.0.1.0/24"]}
              - name: app
                trust: 50
                match: {networks: [app], cidrs: ["10.0.2.0/24", "2001:db8::/64"]}
            """;

    @Test
    void readsTheMatrixWithRangesAndWildcards() throws Exception {
        ZonePolicy p = ZonePolicyLoader.parse("z.yaml", ZONES + """
                segmentation:
                  betweenZones: allow
                  withinZone: deny
                  rules:
                    - {name: web-to-app, from: web, to: app, protocol: tcp, ports: [8080, "8443-8444", 5900-5910]}
                    - {from: "*", to: app, protocol: udp, ports: "*"}
                    - {name: pci, from: "*", to: "*", fromClassification: pci, toClassification: public, action: deny}
                """);
        SegmentationMatrix m = p.segmentation();
        assertThat(m.allowBetweenZones()).isTrue();
        assertThat(m.allowWithinZone()).isFalse();
        assertThat(m.rules()).hasSize(3);
        assertThat(m.rules().get(0).ports()).containsExactly(new PortRange(8080, 8080), new PortRange(8443, 8444),
                new PortRange(5900, 5910));
        assertThat(m.rules().get(0).protocol()).isEqualTo(6);
        assertThat(m.rules().get(1).name()).isEqualTo("*->app");
        assertThat(m.rules().get(1).ports()).isEmpty();
        assertThat(m.rules().get(1).protocol()).isEqualTo(17);
        assertThat(m.rules().get(2).allow()).isFalse();
        assertThat(m.rules().get(2).protocol()).isEqualTo(SegmentationMatrix.ANY_PROTOCOL);
        assertThat(m.rules().get(2).fromClassification()).isEqualTo("pci");
    }

    @Test
    void withoutASectionDeniesBetweenZonesAndAllowsWithin() throws Exception {
        SegmentationMatrix m = ZonePolicyLoader.parse("z.yaml", ZONES).segmentation();
        assertThat(m).isEqualTo(SegmentationMatrix.denyBetweenZones());
        assertThat(m.allowBetweenZones()).isFalse();
        assertThat(m.allowWithinZone()).isTrue();
    }

    @Test
    void errorsNameFileLineColumnAndTheRule() {
        expect("segmentation:\n  rules:\n    - {name: r1, from: web, to: db, protocol: tcp}\n",
                "z.yaml:10:29", "'r1'", "unknown zone 'db'");
        expect("segmentation:\n  rules:\n    - {name: r1, from: web, to: app, protocol: tcpp}\n",
                "z.yaml:10:", "tcpp");
        expect("segmentation:\n  rules:\n    - {name: r2, from: web, to: app, ports: [80, \"9-1\"]}\n",
                "z.yaml:10:", "'9-1'");
        expect("segmentation:\n  rules:\n    - name: r3\n      form: web\n      to: app\n",
                "z.yaml:11:7", "unknown key 'form'");
        expect("segmentation:\n  betweenZones: maybe\n", "z.yaml:9:3", "'maybe' is not allow or deny");
        expect("segmentation:\n  withinZones: allow\n", "z.yaml:9:3", "unknown key 'withinZones'");
        expect("segmentation:\n  rules: {from: web}\n", "z.yaml:9:", "must be a list");
        expect("segmentation: [1]\n", "z.yaml:8:", "must be a mapping");
        expect("segmentation:\n  rules:\n    - {from: web}\n", "z.yaml:10:", "rule #1", "missing 'to'");
        expect("segmentation:\n  rules:\n    - {from: web, to: app, ports: [70000]}\n", "z.yaml:10:", "'70000'");
    }

    @Test
    void labPolicyCarriesTheSegmentationMatrixAndItsCidrs() throws Exception {
        Path lab = Path.of("..", "lab", "policy", "zones.yaml");
        ZonePolicy p = ZonePolicyLoader.load(lab);
        assertThat(p.segmentation().rules()).extracting(SegmentationMatrix.Rule::name)
                .containsExactly("web-to-dmz", "dmz-to-app", "dns-from-dmz", "admin-from-mgmt");
        assertThat(p.segmentation().rules().get(3).ports()).contains(new PortRange(5900, 5910));
        List<AddressZone> cidrs = p.addressZones().orElseThrow();
        assertThat(cidrs.get(0).network()).hasToString("10.10.0.0/24");
        assertThat(cidrs.get(0).zone().name()).isEqualTo("mgmt");
        assertThat(p.zoneOfAddress("172.20.21.9")).hasValueSatisfying(z -> assertThat(z.name()).isEqualTo("dmz"));
        assertThat(p.zoneOfAddress("172.20.22.9")).isEmpty();
    }

    private static void expect(String section, String... parts) {
        assertThatThrownBy(() -> ZonePolicyLoader.parse("z.yaml", ZONES + section))
                .isInstanceOf(CheckLoadException.class)
                .satisfies(e -> {
                    for (String part : parts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }
}

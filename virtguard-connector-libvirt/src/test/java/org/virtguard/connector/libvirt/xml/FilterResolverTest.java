package org.virtguard.connector.libvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterDefinition;

class FilterResolverTest {

    private static TrafficFilterDefinition def(String name, String... includes) {
        return new TrafficFilterDefinition(name, "h", "root", List.of(includes), 1);
    }

    @Test
    void followsIncludesRecursivelyAndSurvivesCycles() {
        FilterResolver r = FilterResolver.of(List.of(
                def("a", "b"), def("b", "c", "a"), def("c", "no-ip-spoofing", "a"), def("no-ip-spoofing"),
                def("self", "self")));
        assertThat(r.protections("a").value()).containsExactly(SpoofingProtection.IP);
        assertThat(r.protections("self").value()).isEmpty();
    }

    @Test
    void aMissingIncludeMakesTheWholeAnswerUnknown() {
        FilterResolver r = FilterResolver.of(List.of(def("mine", "no-mac-spoofing", "gone"), def("no-mac-spoofing")));
        assertThat(r.protections("mine").isCollected()).isFalse();
        assertThat(r.protections("mine").reason()).isEqualTo("filter gone is not defined on the host");
        assertThat(r.protections("unknown").reason()).isEqualTo("filter unknown is not defined on the host");
        assertThat(r.hasDefinitions()).isTrue();
    }

    @Test
    void arpFiltersGiveArpAndTheMacVariantAlsoMac() {
        FilterResolver stock = FilterResolver.stockOnly();
        assertThat(stock.protections("no-arp-ip-spoofing").value()).containsExactly(SpoofingProtection.ARP);
        assertThat(stock.protections("no-arp-mac-spoofing").value())
                .isEqualTo(Set.of(SpoofingProtection.ARP, SpoofingProtection.MAC));
        assertThat(stock.protections("no-arp-spoofing").value())
                .isEqualTo(Set.of(SpoofingProtection.ARP, SpoofingProtection.MAC));
        assertThat(stock.protections("clean-traffic").value()).hasSize(3);
        assertThat(stock.protections("allow-dhcp").value()).isEmpty();
        assertThat(stock.hasDefinitions()).isFalse();
    }

    @Test
    void hostDefinitionsOverrideTheStockStructure() {
        FilterResolver r = FilterResolver.of(List.of(def("clean-traffic", "allow-arp"), def("allow-arp")))
                .withStockFallback();
        assertThat(r.protections("clean-traffic").value()).isEmpty();
        assertThat(r.assumedStockFilters(List.of("clean-traffic"))).isEmpty();
        assertThat(r.assumedStockFilters(List.of("no-arp-spoofing")))
                .containsExactly("no-arp-ip-spoofing", "no-arp-mac-spoofing", "no-arp-spoofing");
    }
}

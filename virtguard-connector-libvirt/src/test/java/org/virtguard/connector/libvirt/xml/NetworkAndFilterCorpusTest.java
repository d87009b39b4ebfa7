package org.virtguard.connector.libvirt.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.Network;
import org.virtguard.model.SpoofingProtection;
import org.virtguard.model.TrafficFilterDefinition;
import org.virtguard.model.VlanMode;

/** Every network and nwfilter of the corpus parses, and the stock filters resolve as libvirt ships them. */
class NetworkAndFilterCorpusTest {

    static List<String> networkFiles() throws IOException {
        List<String> files = CorpusSupport.xmlFilesUnder("networks");
        return files.isEmpty() ? List.of("(corpus missing)") : files;
    }

    static List<String> filterFiles() throws IOException {
        List<String> files = CorpusSupport.xmlFilesUnder("nwfilter");
        return files.isEmpty() ? List.of("(corpus missing)") : files;
    }

    private static Network network(String file) throws Exception {
        Path p = CorpusSupport.libvirt("networks/" + file);
        return NetworkXmlParser.parse(Files.readAllBytes(p), XmlOrigin.file(p.getFileName().toString()),
                CorpusSupport.HOST, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networkFiles")
    void everyCorpusNetworkParses(String file) throws Exception {
        TestEnvironment.requireCorpus("libvirt/networks/" + (file.startsWith("(") ? "" : file));
        Network n = network(file);
        assertThat(n.id()).isEqualTo(CorpusSupport.HOST + "/network/" + n.name());
        assertThat(n.forwardMode()).isIn("nat", "route", "open", "isolated", "bridge");
        assertThat(n.ipRanges()).allSatisfy(r -> assertThat(r).matches(".+/\\d+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterFiles")
    void everyCorpusFilterParses(String file) throws Exception {
        Path p = TestEnvironment.requireCorpus("libvirt/nwfilter/" + (file.startsWith("(") ? "" : file));
        TrafficFilterDefinition f = NwfilterXmlParser.parse(Files.readAllBytes(p), XmlOrigin.file(file), "h");
        assertThat(f.name()).isNotBlank();
        assertThat(f.chain()).isNotBlank();
        assertThat(f.ruleCount() + f.includes().size()).isPositive();
    }

    @Test
    void networkFacts() throws Exception {
        Network nat = network("libvirt-tests/nat-network.xml");
        assertThat(nat.name()).isEqualTo("default");
        assertThat(nat.forwardMode()).isEqualTo("nat");
        assertThat(nat.settings().get("forward.dev").value()).isEqualTo("eth1");
        assertThat(nat.bridge()).isEqualTo("virbr0");
        assertThat(nat.ipRanges()).containsExactly("192.168.122.0/24");
        assertThat(nat.settings().get("dhcp.enabled").asBoolean()).contains(true);
        assertThat(nat.vlan().value().mode()).isEqualTo(VlanMode.NONE);
        Network isolated = network("libvirt-tests/isolated-network.xml");
        assertThat(isolated.forwardMode()).isEqualTo("isolated");
        assertThat(isolated.ipRanges()).containsExactly("192.168.152.0/24");
        assertThat(network("libvirt-tests/open-network.xml").forwardMode()).isEqualTo("open");
        Network routed = network("libvirt-tests/routed-network.xml");
        assertThat(routed.forwardMode()).isEqualTo("route");
        assertThat(routed.settings().get("dhcp.enabled").asBoolean()).contains(false);
        Network vagrant = network("vagrant-libvirt/vagrant-libvirt.xml");
        assertThat(vagrant.ipRanges()).containsExactly("192.168.121.0/24");
        assertThat(vagrant.bridge()).isEqualTo("virbr1");
    }

    @Test
    void cleanTrafficResolvesToMacIpAndArpWithCorpusDefinitions() throws Exception {
        List<TrafficFilterDefinition> defs = CorpusSupport.corpusFilters();
        TrafficFilterDefinition clean = defs.stream().filter(d -> d.name().equals("clean-traffic")).findFirst().orElseThrow();
        assertThat(clean.chain()).isEqualTo("root");
        assertThat(clean.includes()).containsExactly("no-mac-spoofing", "no-ip-spoofing", "allow-incoming-ipv4",
                "no-arp-spoofing", "no-other-l2-traffic", "qemu-announce-self");
        assertThat(clean.ruleCount()).isEqualTo(2);

        FilterResolver corpus = FilterResolver.of(defs).withStockFallback();
        assertThat(corpus.protections("clean-traffic").value())
                .isEqualTo(Set.of(SpoofingProtection.MAC, SpoofingProtection.IP, SpoofingProtection.ARP));
        assertThat(corpus.assumedStockFilters(List.of("clean-traffic")))
                .containsExactly("no-arp-ip-spoofing", "no-arp-spoofing", "no-other-l2-traffic",
                        "no-other-rarp-traffic", "qemu-announce-self", "qemu-announce-self-rarp");
        assertThat(corpus.protections("no-arp-mac-spoofing").value())
                .isEqualTo(Set.of(SpoofingProtection.MAC, SpoofingProtection.ARP));
        assertThat(corpus.protections("tck-vm2-filter").value()).hasSize(3);
        assertThat(corpus.protections("allow-arp").value()).isEmpty();

        FilterResolver strict = FilterResolver.of(defs);
        assertThat(strict.protections("no-ip-spoofing").value()).containsExactly(SpoofingProtection.IP);
        assertThat(strict.protections("clean-traffic").isCollected()).isFalse();
        assertThat(strict.protections("clean-traffic").reason()).isEqualTo("filter no-arp-spoofing is not defined on the host");
    }

    @Test
    void stockStructureMatchesTheCorpusCopiesOfLibvirtsFilters() throws Exception {
        for (TrafficFilterDefinition d : CorpusSupport.corpusFilters()) {
            if (StockFilters.isStock(d.name())) {
                assertThat(StockFilters.includes().get(d.name())).as(d.name()).isEqualTo(d.includes());
            }
        }
        assertThat(StockFilters.includes()).hasSize(18).containsKeys("clean-traffic", "no-arp-spoofing");
    }
}

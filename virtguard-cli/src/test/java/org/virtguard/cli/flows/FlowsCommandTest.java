package org.virtguard.cli.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;
import org.virtguard.connector.tck.TestEnvironment;

class FlowsCommandTest {

    @TempDir
    Path dir;

    @Test
    void decodeCsvGivesOneRowPerNfdumpRecord() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v9/stream.dgr");
        long nfdumpRows = Files.readAllLines(stream.resolveSibling("nfdump.csv")).stream()
                .filter(l -> l.matches("^\\d{4}-.*")).count();

        CliRun r = CliRun.run("flows", "decode", stream.toString(), "--format", "csv");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("ts,te,sa,da,sp,dp,pr,flg");
        assertThat(lines).hasSize((int) nfdumpRows + 1);
        assertThat(r.err()).contains("records 600").contains("decode errors 0");
    }

    @Test
    void decodeJsonFromThePcapOfDatagrams() throws Exception {
        Path pcap = TestEnvironment.requireCorpus("flows/ipfix_bidir/datagrams.pcap");

        CliRun r = CliRun.run("flows", "decode", pcap.toString(), "--format", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(331);
        JsonNode first = new ObjectMapper().readTree(lines.get(1));
        assertThat(first.get("out_packets").asLong()).isEqualTo(1);
        assertThat(first.get("version").asText()).isEqualTo("ipfix");
    }

    @Test
    void replayRaisesSegmentationAlertsFromAPolicyWithZones() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path policy = dir.resolve("segmentation.yaml");
        Files.writeString(policy, """
                zones:
                  - {name: inside, trust: 3, cidrs: ["10.0.0.0/8"]}
                  - {name: outside, trust: 0, cidrs: ["0.0.0.0/0"]}
                segmentation:
                  betweenZones: deny
                  rules:
                    - {name: web-out, from: inside, to: outside, protocol: tcp, ports: [80, 443]}
                    - {name: dns-out, from: inside, to: outside, protocol: udp, ports: [53]}
                """);

        CliRun r = CliRun.run("flows", "replay", stream.toString(), "--policy", policy.toString(), "--no-inventory");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("flow.segmentation").contains("Forbidden flow inside -> outside")
                .contains("512 flows");
    }

    @Test
    void topByZoneSumsEdges() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path policy = dir.resolve("zones.yaml");
        Files.writeString(policy, """
                zones:
                  - {name: inside, cidrs: ["10.0.0.0/8"]}
                  - {name: outside, cidrs: ["0.0.0.0/0"]}
                segmentation: {betweenZones: allow}
                """);

        CliRun r = CliRun.run("flows", "top", stream.toString(), "--by", "zone", "--policy", policy.toString(),
                "--no-inventory");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("inside -> outside").contains("outside -> inside");
    }

    @Test
    void badPolicyNamesTheFileAndField() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path policy = dir.resolve("bad.yaml");
        Files.writeString(policy, "segmentation:\n  rules:\n    - {from: a, to: b, ports: [99999]}\n");

        CliRun r = CliRun.run("flows", "replay", stream.toString(), "--policy", policy.toString(), "--no-inventory");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml").contains("segmentation.rules[0].ports[0]");
    }

    @Test
    void missingInputIsAClearError() {
        CliRun r = CliRun.run("flows", "decode", dir.resolve("nope.dgr").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nope.dgr");
    }

    @Test
    void recommendProposesAnAllowlistInEachFormat() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path policy = dir.resolve("zones.yaml");
        Files.writeString(policy, """
                zones:
                  - {name: inside, cidrs: ["10.0.0.0/8"]}
                  - {name: outside, cidrs: ["0.0.0.0/0"]}
                segmentation: {}
                """);

        CliRun yaml = CliRun.run("flows", "recommend", stream.toString(), "--window", "7d", "--format", "yaml", "--policy",
                policy.toString(), "--no-inventory");
        CliRun nft = CliRun.run("flows", "recommend", stream.toString(), "--format", "nftables", "--policy", policy.toString(),
                "--no-inventory");
        CliRun bad = CliRun.run("flows", "recommend", stream.toString(), "--window", "soon", "--no-inventory");

        assertThat(yaml.exit()).as(yaml.err()).isZero();
        assertThat(yaml.out()).contains("segmentation:").contains("from: \"inside\", to: \"outside\", protocol: 6, ports: [443]");
        assertThat(nft.out()).contains("table inet virtguard_segmentation").contains("tcp dport 443 accept");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("'soon' is not a positive duration");
    }

    @Test
    void topWithoutInputReadsTheStoredEdges() {
        CliRun r = CliRun.run("--data-dir", dir.toString(), "flows", "top", "--by", "vm", "--since", "2h");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no vm edges");
    }
}

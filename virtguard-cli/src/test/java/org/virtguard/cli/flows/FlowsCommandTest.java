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
    void decodePrintsEveryAddressOfEveryCorpusStreamExactlyAsNfdump() throws Exception {
        Path corpus = TestEnvironment.requireCorpus("flows");
        List<String> cases = Files.readAllLines(corpus.resolve("cases.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        java.util.Set<String> families = new java.util.TreeSet<>();
        for (String name : cases) {
            Path stream = corpus.resolve(name).resolve("stream.dgr");
            List<String[]> nfdump = Files.readAllLines(stream.resolveSibling("nfdump.csv")).stream()
                    .filter(l -> l.matches("^\\d{4}-.*")).map(l -> l.split(",")).toList();
            CliRun csv = CliRun.run("flows", "decode", stream.toString(), "--format", "csv");
            CliRun json = CliRun.run("flows", "decode", stream.toString(), "--format", "json");
            assertThat(csv.exit()).as(csv.err()).isZero();
            assertThat(json.exit()).as(json.err()).isZero();
            List<String> rows = csv.out().lines().skip(1).toList();
            List<String> objects = json.out().lines().toList();
            assertThat(rows).as(name).hasSize(nfdump.size());
            assertThat(objects).as(name).hasSize(nfdump.size());
            ObjectMapper mapper = new ObjectMapper();
            for (int i = 0; i < nfdump.size(); i++) {
                String[] expected = nfdump.get(i);
                String[] row = rows.get(i).split(",");
                JsonNode object = mapper.readTree(objects.get(i));
                String where = name + " record " + i;
                assertThat(row[2] + " " + row[3]).as(where + " csv").isEqualTo(expected[3] + " " + expected[4]);
                assertThat(object.get("src_addr").asText() + " " + object.get("dst_addr").asText()).as(where + " json")
                        .isEqualTo(expected[3] + " " + expected[4]);
                families.add(expected[3].contains(":") ? "IPv6" : "IPv4");
            }
        }
        assertThat(families).containsExactly("IPv4", "IPv6");
    }

    @Test
    void decodeWarnsAboutSoftflowdsFakeUptimeClockAndKeepsItsTimes() throws Exception {
        java.time.Clock receivedByNfdump = java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T07:38:47Z"),
                java.time.ZoneOffset.UTC);
        Path skewed = TestEnvironment.requireCorpus("flows/v9_softflowd_no_a_flag/stream.dgr");
        CliRun r = CliRun.run(receivedByNfdump, java.util.Map.of(), "flows", "decode", skewed.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("clock ahead 600 records")
                .contains("virtguard: warning: exporter stream: clock runs up to 39 d 22 h ahead")
                .contains("flow times are kept as sent");
        assertThat(r.out().lines().skip(1).toList()).hasSize(600).allMatch(l -> l.startsWith("2027-01-01T"));

        for (String name : List.of("v5", "v9", "ipfix", "ipfix_abstime_ms", "sflow")) {
            Path stream = TestEnvironment.requireCorpus("flows/" + name + "/stream.dgr");
            CliRun clean = CliRun.run(receivedByNfdump, java.util.Map.of(), "flows", "decode", stream.toString());
            assertThat(clean.exit()).as(clean.err()).isZero();
            assertThat(clean.err()).as(name).doesNotContain("warning").doesNotContain("clock ahead");
        }
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
    void aNewUsersFirstReplayAndTopWorkWithoutAStoreAndSaySo() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path empty = dir.resolve("no-store-yet");
        CliRun replay = CliRun.run("flows", "replay", stream.toString(), "--data-dir", empty.toString());
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.err()).contains("no stored inventory in " + empty).contains("zones only");
        CliRun top = CliRun.run("flows", "top", stream.toString(), "--by", "vm", "--data-dir", empty.toString());
        assertThat(top.exit()).as(top.err()).isZero();
        assertThat(top.out()).startsWith("vm edge");
        assertThat(Files.exists(empty)).as("nothing created by reading").isFalse();
    }

    @Test
    void decodeOfAMissingFilePrintsNoHeaderOnlyTheError() {
        CliRun r = CliRun.run("flows", "decode", dir.resolve("missing.dgr").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("missing.dgr").contains("does not exist");
    }

    @Test
    void replayRaisesSegmentationAlertsFromTheZonePolicy() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path zones = dir.resolve("zones.yaml");
        Files.writeString(zones, """
                zones:
                  - {name: inside, trust: 3, match: {cidrs: ["10.0.0.0/8"]}}
                  - {name: outside, trust: 0, match: {cidrs: ["0.0.0.0/0"]}}
                segmentation:
                  betweenZones: deny
                  rules:
                    - {name: web-out, from: inside, to: outside, protocol: tcp, ports: [80, 443]}
                    - {name: dns-out, from: inside, to: outside, protocol: udp, ports: [53]}
                """);

        CliRun r = CliRun.run("flows", "replay", stream.toString(), "--zones", zones.toString(), "--no-inventory");
        CliRun alias = CliRun.run("flows", "replay", stream.toString(), "--policy", zones.toString(),
                "--no-inventory");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("flow.segmentation").contains("Forbidden flow inside -> outside")
                .contains("512 flows");
        assertThat(alias.exit()).as("--policy is a deprecated alias of --zones: " + alias.err()).isZero();
        assertThat(alias.out()).isEqualTo(r.out());
    }

    @Test
    void theOldFlowsPolicyFormatIsRefusedWithOneLineSayingHowToConvert() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path old = dir.resolve("segmentation.yaml");
        Files.writeString(old, """
                zones:
                  - {name: inside, trust: 3, cidrs: ["10.0.0.0/8"]}
                segmentation:
                  betweenZones: deny
                  rules:
                    - {name: web-out, from: inside, to: "*", protocol: tcp, ports: [80, 443]}
                """);
        Path onlySegmentation = dir.resolve("only.yaml");
        Files.writeString(onlySegmentation, "segmentation:\n  rules: []\n");

        CliRun r = CliRun.run("flows", "listen", "--port", "0", "--zones", old.toString(), "--no-inventory");
        CliRun replay = CliRun.run("flows", "replay", stream.toString(), "--policy", onlySegmentation.toString(),
                "--no-inventory");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("segmentation.yaml: this is the old flows policy format; move its "
                + "'segmentation:' section into your zone policy (zones.yaml) and pass that file with --zones");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err()).contains("only.yaml: this is the old flows policy format");
    }

    @Test
    void topByZoneSumsEdges() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path policy = dir.resolve("zones.yaml");
        Files.writeString(policy, """
                zones:
                  - {name: inside, trust: 3, match: {cidrs: ["10.0.0.0/8"]}}
                  - {name: outside, trust: 0, match: {cidrs: ["0.0.0.0/0"]}}
                segmentation: {betweenZones: allow}
                """);

        CliRun r = CliRun.run("flows", "top", stream.toString(), "--by", "zone", "--zones", policy.toString(),
                "--no-inventory");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("inside -> outside").contains("outside -> inside");
    }

    @Test
    void badPolicyNamesTheFileAndField() throws Exception {
        Path stream = TestEnvironment.requireCorpus("flows/v5/stream.dgr");
        Path policy = dir.resolve("bad.yaml");
        Files.writeString(policy, """
                zones:
                  - {name: a, trust: 1, match: {cidrs: ["10.0.0.0/8"]}}
                  - {name: b, trust: 2, match: {cidrs: ["0.0.0.0/0"]}}
                segmentation:
                  rules:
                    - {name: r1, from: a, to: b, ports: [99999]}
                    - {name: r2, from: a, to: c}
                """);
        Path unknownZone = dir.resolve("unknown.yaml");
        Files.writeString(unknownZone, Files.readString(policy).replace("ports: [99999]", "ports: [80]"));

        CliRun r = CliRun.run("flows", "replay", stream.toString(), "--zones", policy.toString(), "--no-inventory");
        CliRun u = CliRun.run("flows", "replay", stream.toString(), "--zones", unknownZone.toString(),
                "--no-inventory");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:6:").contains("'r1'").contains("'99999'");
        assertThat(u.exit()).isEqualTo(2);
        assertThat(u.err()).contains("unknown.yaml:7:").contains("'r2'").contains("unknown zone 'c'");
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
                  - {name: inside, trust: 3, match: {cidrs: ["10.0.0.0/8"]}}
                  - {name: outside, trust: 0, match: {cidrs: ["0.0.0.0/0"]}}
                """);

        CliRun yaml = CliRun.run("flows", "recommend", stream.toString(), "--window", "7d", "--format", "yaml", "--zones",
                policy.toString(), "--no-inventory");
        CliRun nft = CliRun.run("flows", "recommend", stream.toString(), "--format", "nftables", "--zones", policy.toString(),
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
        CliRun none = CliRun.run("--data-dir", dir.toString(), "flows", "top", "--by", "vm", "--since", "2h");
        assertThat(none.exit()).isNotZero();
        assertThat(none.err()).contains("there is no store in", "virtguard db migrate");
        assertThat(CliRun.run("--data-dir", dir.toString(), "db", "migrate").exit()).isZero();

        CliRun r = CliRun.run("--data-dir", dir.toString(), "flows", "top", "--by", "vm", "--since", "2h");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("no vm edges");
    }
}

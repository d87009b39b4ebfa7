package org.virtguard.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.virtguard.cli.CliRun;
import org.virtguard.connector.tck.TestEnvironment;

class LogsCommandTest {

    @Test
    void analyzeOpenSshPrintsTheAttackersAsJson() throws Exception {
        Path log = TestEnvironment.requireCorpus("logs/ssh/loghub/OpenSSH_2k.log");
        CliRun r = CliRun.run("logs", "analyze", log.toString(), "--format", "json", "--failures", "5", "--year", "2016");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        List<String> bruteSources = new ArrayList<>();
        for (JsonNode a : doc.get("alerts")) {
            if (a.get("kind").asText().equals("auth.bruteforce")) {
                bruteSources.add(a.get("source").get("address").asText());
            }
        }
        assertThat(bruteSources).contains("183.62.140.253", "52.80.34.196", "5.36.59.76").doesNotContain("173.234.31.186");
        assertThat(doc.get("counters").get("LINES").asLong()).isEqualTo(2000);
        assertThat(r.out()).contains("\"afterFailures\" : \"false\"").contains("119.137.62.142");
    }

    @Test
    void analyzeTableShowsSlowAttackAndSummary() {
        Path log = TestEnvironment.requireCorpus("logs/ssh/loghub/OpenSSH_2k.log");
        CliRun r = CliRun.run("logs", "analyze", log.toString(), "--failures", "5", "--year", "2016");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Slow brute force: 5 failed logins from 52.80.34.196").contains("2000 lines");
    }

    @Test
    void vcenterLoginsFromOutsideTheManagementZoneAreHighAndFromInsideSilent(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path log = TestEnvironment.requireCorpus("logs/esxi/elastic-vsphere-test-format-common.log");
        Path office = dir.resolve("office.yaml");
        Files.writeString(office, "zones:\n  - name: office\n    trust: 2\n    match: {cidrs: [10.100.10.0/24]}\n");
        CliRun outside = CliRun.run("logs", "analyze", log.toString(), "--zones", office.toString(), "--format", "json");
        assertThat(outside.exit()).as(outside.err()).isZero();
        JsonNode alerts = new ObjectMapper().readTree(outside.out()).get("alerts");
        List<String> kinds = new ArrayList<>();
        alerts.forEach(a -> kinds.add(a.get("kind").asText() + " " + a.get("severity").asText() + " "
                + a.get("source").get("address").asText()));
        assertThat(kinds).contains("auth.login.outside-management HIGH 10.100.10.190");

        Path mgmt = dir.resolve("mgmt.yaml");
        Files.writeString(mgmt, "zones:\n  - name: mgmt\n    trust: 5\n    management: true\n    match: {cidrs: [10.100.10.0/24, 127.0.0.0/8]}\n");
        CliRun inside = CliRun.run("logs", "analyze", log.toString(), "--zones", mgmt.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(inside.out()).get("alerts")).isEmpty();
    }

    @Test
    void noAlertIsDatedAfterTheRunsClockWhenTheLogsDaysLieAheadOfIt(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-12-07T21:15:00Z");
        java.time.Clock clock = java.time.Clock.fixed(now, java.time.ZoneOffset.UTC);
        Path log = dir.resolve("OpenSSH_2k.log");
        Files.copy(TestEnvironment.requireCorpus("logs/ssh/loghub/OpenSSH_2k.log"), log);
        Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.from(now.minusSeconds(660)));
        for (String[] args : List.of(new String[] {log.toString()}, new String[] {log.toString(), "--year", "2026"})) {
            List<String> cli = new ArrayList<>(List.of("logs", "analyze"));
            cli.addAll(List.of(args));
            cli.addAll(List.of("--format", "json", "--failures", "5"));
            CliRun r = CliRun.run(clock, java.util.Map.of(), cli.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode alerts = new ObjectMapper().readTree(r.out()).get("alerts");
            assertThat(alerts.size()).isGreaterThan(10);
            for (JsonNode a : alerts) {
                assertThat(java.time.Instant.parse(a.get("lastSeen").asText())).as(a.get("title").asText())
                        .isBeforeOrEqualTo(now).isAfter(java.time.Instant.parse("2025-12-10T00:00:00Z"));
            }
        }
        CliRun future = CliRun.run(clock, java.util.Map.of(), "logs", "analyze", log.toString(), "--year", "2027");
        assertThat(future.exit()).isEqualTo(2);
        assertThat(future.err()).contains("--year").contains("future");
    }

    @Test
    void missingFileAndBadDurationAreClearErrors() {
        CliRun missing = CliRun.run("logs", "analyze", "/nonexistent/auth.log");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("/nonexistent/auth.log");
        CliRun bad = CliRun.run("logs", "analyze", "/nonexistent/auth.log", "--window", "fortnight");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("--window").contains("fortnight");
    }

    @Test
    void listenPrintsAlertsRaisedByLogger() throws Exception {
        Path logger = Path.of("/usr/bin/logger");
        TestEnvironment.require(Files.isExecutable(logger), "the logger tool (Debian package bsdutils)");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CompletableFuture<CliRun> listening = CompletableFuture.supplyAsync(() ->
                CliRun.run("logs", "listen", "--udp", String.valueOf(port), "--tcp", "-1", "--duration", "4s"));
        Thread.sleep(1500);
        for (int i = 0; i < 3; i++) {
            Process p = new ProcessBuilder(logger.toString(), "--server", "127.0.0.1", "--port", String.valueOf(port),
                    "--udp", "--tag", "sshd", "Failed password for admin from 203.0.113.200 port 5" + i + " ssh2").start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        CliRun r = listening.get(30, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("auth.bruteforce").contains("203.0.113.200");
    }
}

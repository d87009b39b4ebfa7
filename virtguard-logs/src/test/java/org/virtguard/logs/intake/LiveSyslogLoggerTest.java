package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.spi.EndpointResolver;

/**
 * The real util-linux {@code logger} sends sshd failures over UDP and TCP (newline and octet-counting framing);
 * the brute-force alert must be raised within 2 seconds of the last message being sent.
 */
class LiveSyslogLoggerTest {

    private static final Path LOGGER = Path.of("/usr/bin/logger");
    private static final long DEADLINE_MILLIS = 2000;

    private final List<Alert> raised = new ArrayList<>();
    private SyslogServer server;
    private LogPipeline pipeline;

    @BeforeEach
    void start() throws Exception {
        TestEnvironment.require(Files.isExecutable(LOGGER), "the logger tool (Debian package bsdutils) at " + LOGGER);
        AuthDetector detector = new AuthDetector(DetectorConfig.defaults(), EndpointResolver.none(),
                (alert, change) -> {
                    if (change == AlertListener.Change.CREATED) {
                        synchronized (raised) {
                            raised.add(alert);
                            raised.notifyAll();
                        }
                    }
                });
        pipeline = new LogPipeline(YearInference.live(Clock.systemUTC(), ZoneOffset.UTC), detector, new IntakeStats());
        server = SyslogServer.start(SyslogServerConfig.plain(InetAddress.getLoopbackAddress(), 0, 0), pipeline);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void udp() throws Exception {
        sendAndExpect("203.0.113.11", "--udp", String.valueOf(server.udpPort()));
    }

    @Test
    void tcpNewlineFraming() throws Exception {
        sendAndExpect("203.0.113.12", "--tcp", String.valueOf(server.tcpPort()));
    }

    @Test
    void tcpOctetCounting() throws Exception {
        sendAndExpect("203.0.113.13", "--tcp", "--octet-count", String.valueOf(server.tcpPort()));
    }

    @Test
    void rfc3164OverUdp() throws Exception {
        sendAndExpect("203.0.113.14", "--udp", "--rfc3164", String.valueOf(server.udpPort()));
    }

    private void sendAndExpect(String attacker, String... transportThenPort) throws Exception {
        String port = transportThenPort[transportThenPort.length - 1];
        for (int i = 0; i < 3; i++) {
            List<String> cmd = new ArrayList<>(List.of(LOGGER.toString(), "--server", "127.0.0.1", "--port", port,
                    "--tag", "sshd", "--id=4242"));
            for (int k = 0; k < transportThenPort.length - 1; k++) {
                cmd.add(transportThenPort[k]);
            }
            cmd.add("Failed password for root from " + attacker + " port " + (40000 + i) + " ssh2");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        }
        long sent = System.nanoTime();
        Alert alert = awaitAlert(attacker, sent + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS));
        assertThat(alert).as("brute-force alert for %s within %d ms; counters %s", attacker, DEADLINE_MILLIS,
                pipeline.stats().snapshot()).isNotNull();
        assertThat(alert.kind()).isEqualTo("auth.bruteforce");
        assertThat(alert.count()).isEqualTo(3);
        assertThat(alert.evidence()).allSatisfy(l -> assertThat(l).contains("Failed password for root from " + attacker));
    }

    private Alert awaitAlert(String attacker, long deadlineNanos) throws InterruptedException {
        synchronized (raised) {
            while (true) {
                for (Alert a : raised) {
                    if (a.source() != null && a.source().address().equals(attacker)) {
                        return a;
                    }
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                raised.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }
}

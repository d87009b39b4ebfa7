package org.virtguard.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.logs.LogAnalyzer;
import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.Alert;
import org.virtguard.spi.EndpointResolver;

/**
 * loghub's OpenSSH_2k streamed line by line to the receiver over TCP and over UDP raises the same incidents as
 * the offline analysis of the file, by the time 2 seconds have passed after the last line was sent.
 */
class LiveReplayMatchesOfflineTest {

    private static final DetectorConfig CONFIG = DetectorConfig.defaults().withFailures(5);

    @Test
    void tcp() throws Exception {
        replay(true);
    }

    @Test
    void udp() throws Exception {
        replay(false);
    }

    private void replay(boolean tcp) throws Exception {
        Path log = TestEnvironment.requireCorpus("logs/ssh/loghub/OpenSSH_2k.log");
        Set<String> expected = keys(new LogAnalyzer(CONFIG, EndpointResolver.none())
                .analyze(log, YearInference.startingIn(2016, ZoneOffset.UTC)).alerts());
        assertThat(expected).hasSizeGreaterThan(10);

        AuthDetector detector = new AuthDetector(CONFIG, EndpointResolver.none(), AlertListener.none());
        LogPipeline pipeline = new LogPipeline(YearInference.live(Clock.systemUTC(), ZoneOffset.UTC), detector,
                new IntakeStats());
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        SyslogServerConfig config = SyslogServerConfig.plain(InetAddress.getLoopbackAddress(), tcp ? -1 : 0, tcp ? 0 : -1);
        try (SyslogServer server = SyslogServer.start(config, pipeline)) {
            if (tcp) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.tcpPort())) {
                    OutputStream out = s.getOutputStream();
                    for (String line : lines) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                }
            } else {
                try (DatagramSocket s = new DatagramSocket()) {
                    int sent = 0;
                    for (String line : lines) {
                        byte[] b = line.getBytes(StandardCharsets.UTF_8);
                        s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), server.udpPort()));
                        if (++sent % 100 == 0) {
                            Thread.sleep(2);
                        }
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (pipeline.stats().get(IntakeCounter.LINES) < lines.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(pipeline.stats().get(IntakeCounter.LINES)).as("lines received within 2 s").isEqualTo(lines.size());
            assertThat(keys(detector.alerts())).isEqualTo(expected);
        }
    }

    private static Set<String> keys(List<Alert> alerts) {
        return alerts.stream().map(a -> a.key() + " n=" + a.count()).collect(Collectors.toSet());
    }
}

package org.virtguard.cli.serve;

import org.virtguard.service.runtime.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.VirtGuardCommand;
import org.virtguard.connector.tck.TestEnvironment;
import picocli.CommandLine;

class ServeCommandTest {

    @TempDir
    Path temp;

    private String[] run(String... args) {
        CommandLine cli = VirtGuardCommand.commandLine(Map.of(), Clock.systemUTC());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void servesTheConfiguredSourcesForTheGivenDuration() throws Exception {
        org.virtguard.cli.LabCopy.requireLibvirt();
        Path config = temp.resolve("virtguard.yaml");
        Files.writeString(config, "dataDir: " + temp.resolve("data") + "\nsources:\n  - id: lab-a\n    uri: "
                + TestEnvironment.labTestUri("host-a") + "\n  - id: broken\n    uri: test:///" + temp.resolve("missing.xml")
                + "\n");

        String[] result = run("--config", config.toString(), "serve", "--port", "0", "--duration", "1s",
                "--zones", TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml").toString());

        assertThat(result[0]).as(result[1] + result[2]).isEqualTo("0");
        assertThat(result[1]).contains("created user 'admin' with password")
                .containsPattern("VirtGuard is serving http://127\\.0\\.0\\.1:\\d+: 2 sources \\(1 failed\\)");
        // serve's operational lines ("broken: sync failed: …") go to the service's log; the store says it too
        try (org.virtguard.store.Store store = org.virtguard.store.Store.open(
                org.virtguard.store.StoreConfig.embedded(temp.resolve("data")))) {
            assertThat(store.inventory().sources()).as("one failing source does not stop the others")
                    .anySatisfy(s -> {
                        assertThat(s.id()).isEqualTo("broken");
                        assertThat(s.lastErrorCode()).isNotNull();
                    })
                    .anySatisfy(s -> {
                        assertThat(s.id()).isEqualTo("lab-a");
                        assertThat(s.lastSuccessfulSync()).isNotNull();
                    });
        }
    }

    @Test
    void aWebhookWithoutItsSecretIsRefused() throws Exception {
        org.virtguard.cli.LabCopy.requireLibvirt();
        Path config = temp.resolve("virtguard.yaml");
        Files.writeString(config, "sources:\n  - id: lab-a\n    uri: " + TestEnvironment.labTestUri("host-a") + "\n");

        String[] result = run("--config", config.toString(), "--data-dir", temp.toString(), "serve", "--port", "0",
                "--duration", "1s", "--webhook-url", "https://siem.example/hook");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains(WebhookDelivery.SECRET_VARIABLE);
    }

    @Test
    void newFailingFindingsReachTheSyslogCollector() throws Exception {
        org.virtguard.cli.LabCopy.requireLibvirt();
        Path config = temp.resolve("virtguard.yaml");
        Files.writeString(config, "sources:\n  - id: lab-a\n    uri: " + TestEnvironment.labTestUri("host-a") + "\n");
        try (java.net.DatagramSocket collector = new java.net.DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(1000);
            java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread listener = new Thread(() -> {
                while (!collector.isClosed()) {
                    java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65_536], 65_536);
                    try {
                        collector.receive(p);
                        received.add(new String(p.getData(), 0, p.getLength(), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        // timeout: look again until the collector closes
                    }
                }
            });
            listener.start();

            String[] result = run("--config", config.toString(), "--data-dir", temp.toString(), "serve", "--port", "0",
                    "--duration", "4s", "--zones", TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml").toString(),
                    "--syslog-target", "udp://127.0.0.1:" + collector.getLocalPort(), "--syslog-format", "cef");

            assertThat(result[0]).as(result[1] + result[2]).isEqualTo("0");
            assertThat(received).as("the first evaluation's failing findings, as CEF finding events")
                    .isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("CEF:0|VirtGuard|VirtGuard|"))
                    .anySatisfy(m -> assertThat(m).contains("|finding.opened|"));
            collector.close();
            listener.join(5000);
        }
    }

    @Test
    void aSyslogTargetThatIsNotUdpOrTcpIsRefused() throws Exception {
        Path config = temp.resolve("virtguard.yaml");
        Files.writeString(config, "sources:\n  - id: lab-a\n    uri: test:///" + temp.resolve("x.xml") + "\n");

        String[] result = run("--config", config.toString(), "--data-dir", temp.toString(), "serve", "--port", "0",
                "--duration", "1s", "--syslog-target", "http://siem.example:514");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("syslog delivery").contains("'http://siem.example:514'").contains("udp://host:port");
    }

    @Test
    void refusesToStartWithoutSources() {
        String[] result = run("--data-dir", temp.toString(), "serve", "--port", "0", "--duration", "1s");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("no sources configured");
    }

    @Test
    void aTlsKeystoreWithoutItsPasswordIsRefusedBeforeAnythingStarts() throws Exception {
        Path keystore = Files.writeString(temp.resolve("server.p12"), "not really");
        Path config = temp.resolve("virtguard.yaml");
        Files.writeString(config, "sources:\n  - id: lab-a\n    uri: test:///" + temp.resolve("x.xml") + "\n");

        String[] result = run("--config", config.toString(), "--data-dir", temp.toString(), "serve",
                "--tls-keystore", keystore.toString());

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains(ServiceWiring.TLS_PASSWORD_VARIABLE);
    }
}

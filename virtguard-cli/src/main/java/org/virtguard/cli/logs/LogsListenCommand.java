package org.virtguard.cli.logs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.virtguard.cli.BaseCommand;
import org.virtguard.cli.CliException;
import org.virtguard.logs.detect.AlertListener;
import org.virtguard.logs.detect.AuthDetector;
import org.virtguard.logs.intake.IntakeStats;
import org.virtguard.logs.intake.LogPipeline;
import org.virtguard.logs.intake.SyslogServer;
import org.virtguard.logs.intake.SyslogServerConfig;
import org.virtguard.logs.parse.YearInference;
import org.virtguard.model.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code virtguard logs listen}: a syslog receiver that prints alerts as they are raised. */
@Command(name = "listen", mixinStandardHelpOptions = true, description = "Try a syslog sender: receive syslog over UDP, TCP and TLS and print the alerts it "
        + "raises; nothing is stored (run 'serve' with intake.syslog for stored, delivered alerts).")
public final class LogsListenCommand extends BaseCommand {

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--udp", paramLabel = "PORT", defaultValue = "5514", description = "UDP port, -1 to disable (default: ${DEFAULT-VALUE}).")
    int udp;

    @Option(names = "--tcp", paramLabel = "PORT", defaultValue = "5514", description = "TCP port, -1 to disable (default: ${DEFAULT-VALUE}).")
    int tcp;

    @Option(names = "--tls", paramLabel = "PORT", defaultValue = "-1", description = "TLS (RFC 5425) port, -1 to disable (default).")
    int tls;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS#12 key store with the server key and certificate.")
    Path keyStore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "File holding the key store password (never on the command line).")
    Path passwordFile;

    @Option(names = "--rate", paramLabel = "MSG/S", defaultValue = "2000", description = "Messages per second per sender (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (default: until interrupted).")
    String duration;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (one JSON object per line) (default: ${DEFAULT-VALUE}).")
    String format;

    @Mixin
    DetectorOptions detector = new DetectorOptions();

    @Mixin
    AttributionOptions attribution = new AttributionOptions();

    @Override
    public Integer call() throws Exception {
        boolean json = "json".equalsIgnoreCase(format);
        AlertListener listener = (alert, change) -> {
            if (change != AlertListener.Change.UPDATED) {
                try {
                    synchronized (this) {
                        AlertOutput.line(alert, json, out());
                    }
                } catch (Exception e) {
                    err().println("virtguard: cannot print alert " + alert.key() + ": " + e.getMessage());
                }
            }
        };
        AuthDetector authDetector = new AuthDetector(detector.config(), attribution.resolver(context()), listener);
        LogPipeline pipeline = new LogPipeline(YearInference.live(clock(), ZoneOffset.UTC), authDetector, new IntakeStats());
        SyslogServerConfig config = SyslogServerConfig.plain(address(), udp, tcp).withRate(rate, Math.max(1, rate * 2));
        if (tls >= 0) {
            if (keyStore == null || passwordFile == null) {
                throw new CliException(ErrorCode.INVALID_CONFIG, "--tls needs --tls-keystore and --tls-password-file", 2);
            }
            config = config.withTls(tls, keyStore, readPassword());
        }
        Duration runFor = duration == null ? null : DetectorOptions.duration("--duration", duration);
        CountDownLatch stop = new CountDownLatch(1);
        try (SyslogServer server = SyslogServer.start(config, pipeline)) {
            err().println("virtguard: listening on " + bind + " udp=" + server.udpPort() + " tcp=" + server.tcpPort()
                    + " tls=" + server.tlsPort());
            err().flush();
            Thread hook = new Thread(stop::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (runFor == null) {
                    stop.await();
                } else {
                    stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping: the hook has run
                }
            }
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "cannot listen: " + e.getMessage());
        }
        synchronized (this) {
            out().println(authDetector.alerts().size() + " alerts");
            AlertOutput.counters(pipeline.stats().snapshot(), out());
        }
        return 0;
    }

    private InetAddress address() {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CliException(ErrorCode.INVALID_CONFIG, "--bind: unknown address " + bind, 2);
        }
    }

    private char[] readPassword() {
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            return text.toCharArray();
        } catch (IOException e) {
            throw new CliException(ErrorCode.CREDENTIAL_UNAVAILABLE, "cannot read the TLS key store password file "
                    + passwordFile + ": " + e.getMessage());
        }
    }
}

package org.virtguard.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.tck.TestEnvironment;

/** util-linux {@code logger} sending one message to a remote syslog receiver, as an sshd host's syslog would. */
public final class SyslogLogger {

    private static final Path LOGGER = Path.of("/usr/bin/logger");

    /** The transport and header format of the messages. */
    public enum Transport {
        /** UDP with an RFC 5424 header. */
        UDP_RFC5424,
        /** TCP with octet counting and an RFC 3164 header. */
        TCP_RFC3164
    }

    private SyslogLogger() {
    }

    /** Skips (or fails in CI) when logger is not installed. */
    public static void require() {
        TestEnvironment.require(Files.isExecutable(LOGGER), "logger (Debian package bsdutils) at " + LOGGER);
    }

    /** Sends {@code message} tagged {@code tag[pid]} to 127.0.0.1:{@code port}; waits for logger to finish. */
    public static void send(Transport transport, int port, String tag, int pid, String message)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LOGGER.toString(), "-n", "127.0.0.1", "-P",
                Integer.toString(port), "-t", tag, "--id=" + pid, "-p", "authpriv.info"));
        if (transport == Transport.UDP_RFC5424) {
            command.addAll(List.of("-d", "--rfc5424"));
        } else {
            command.addAll(List.of("-T", "--octet-count", "--rfc3164"));
        }
        command.add(message);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("logger did not finish: " + command);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("logger exited with " + p.exitValue() + ": " + output);
        }
    }
}

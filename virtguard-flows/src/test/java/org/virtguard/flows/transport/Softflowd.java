package org.virtguard.flows.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * Runs Debian's softflowd on a capture file, exporting to a local UDP port. softflowd 1.1.0 can stall between
 * batches in {@code -r} mode until its control socket is poked, so this pokes it with {@code softflowctl
 * expire-all} while it runs and asks it to shut down if it outlives the deadline.
 */
public final class Softflowd {

    private static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");
    private static final Path SOFTFLOWCTL = Path.of("/usr/sbin/softflowctl");

    private Softflowd() {
    }

    /** Skips (or fails in CI) when softflowd is not installed. */
    public static void require() {
        TestEnvironment.require(Files.isExecutable(SOFTFLOWD) && Files.isExecutable(SOFTFLOWCTL),
                "softflowd and softflowctl (Debian package softflowd) in /usr/sbin");
    }

    /** Exports {@code pcap} as NetFlow {@code version} (5, 9 or 10) to 127.0.0.1:{@code port}; waits for the end. */
    public static void export(Path pcap, int port, int version, Path workDir) throws IOException, InterruptedException {
        Path control = workDir.resolve("softflowd-" + version + ".ctl");
        Path pid = workDir.resolve("softflowd-" + version + ".pid");
        Path log = workDir.resolve("softflowd-" + version + ".log");
        Process p = new ProcessBuilder(List.of(SOFTFLOWD.toString(), "-r", pcap.toString(), "-n",
                "127.0.0.1:" + port, "-v", Integer.toString(version), "-a", "-d", "-c", control.toString(), "-p",
                pid.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!p.waitFor(300, TimeUnit.MILLISECONDS)) {
            if (Files.exists(control)) {
                control(control, System.nanoTime() > deadline ? "shutdown" : "expire-all");
            }
            if (System.nanoTime() > deadline + Duration.ofSeconds(5).toNanos()) {
                p.destroy();
                throw new IOException("softflowd did not finish exporting " + pcap + "; log: " + Files.readString(log));
            }
        }
        if (p.exitValue() != 0) {
            throw new IOException("softflowd exited with " + p.exitValue() + " on " + pcap + ": "
                    + Files.readString(log));
        }
    }

    private static void control(Path socket, String command) throws IOException, InterruptedException {
        Process c = new ProcessBuilder(SOFTFLOWCTL.toString(), "-c", socket.toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!c.waitFor(5, TimeUnit.SECONDS)) {
            c.destroy();
        }
    }
}

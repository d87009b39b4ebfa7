package org.virtguard.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * Debian's softflowd replaying a capture file as NetFlow v9 (9) or IPFIX (10) to a local UDP port. softflowd
 * 1.1.0 can stall between batches in {@code -r} mode until its control socket is poked, so it is poked with
 * {@code softflowctl expire-all} while it runs, and told to shut down if it overruns its deadline.
 */
public final class SoftflowdExport {

    private static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");
    private static final Path SOFTFLOWCTL = Path.of("/usr/sbin/softflowctl");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private SoftflowdExport() {
    }

    /** Skips (or fails in CI) when softflowd is not installed. */
    public static void require() {
        TestEnvironment.require(Files.isExecutable(SOFTFLOWD) && Files.isExecutable(SOFTFLOWCTL),
                "softflowd and softflowctl (Debian package softflowd) in /usr/sbin");
    }

    /** Exports {@code pcap} as flow export {@code version} to 127.0.0.1:{@code port} and waits until it is done. */
    public static void run(Path pcap, int port, int version, Path workDir) throws IOException, InterruptedException {
        String name = pcap.getFileName() + "-v" + version;
        Path control = workDir.resolve(name + ".ctl");
        Path log = workDir.resolve(name + ".log");
        Process p = new ProcessBuilder(List.of(SOFTFLOWD.toString(), "-r", pcap.toString(), "-n",
                "127.0.0.1:" + port, "-v", Integer.toString(version), "-a", "-d", "-c", control.toString(),
                "-p", workDir.resolve(name + ".pid").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!p.waitFor(300, TimeUnit.MILLISECONDS)) {
            boolean late = System.nanoTime() > deadline;
            if (Files.exists(control)) {
                control(control, late ? "shutdown" : "expire-all");
            }
            if (late && System.nanoTime() > deadline + Duration.ofSeconds(5).toNanos()) {
                p.destroyForcibly();
                throw new IOException("softflowd did not finish " + pcap + ": " + Files.readString(log));
            }
        }
        if (p.exitValue() != 0) {
            throw new IOException("softflowd exited with " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private static void control(Path socket, String command) throws IOException, InterruptedException {
        Process c = new ProcessBuilder(SOFTFLOWCTL.toString(), "-c", socket.toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!c.waitFor(5, TimeUnit.SECONDS)) {
            c.destroyForcibly();
        }
    }
}

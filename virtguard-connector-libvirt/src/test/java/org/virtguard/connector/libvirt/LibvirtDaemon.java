package org.virtguard.connector.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.spi.ConnectorException;

/**
 * The local {@code libvirtd} as {@code ./run-tests} (scripts/lib/services.sh) starts it: {@code libvirtd -d} as root,
 * pid in {@code /run/libvirtd.pid}. Tests kill and restart it to show what survives a daemon restart; running guests
 * survive it (QEMU keeps running and the daemon reattaches), other clients see their connections break.
 */
final class LibvirtDaemon {

    private static final Path PID_FILE = Path.of("/run/libvirtd.pid");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private LibvirtDaemon() {
    }

    /** Skips (or fails under strict mode) unless this process may kill and start the local daemon. */
    static void requireControllable(QemuHost qemu) {
        boolean local = qemu.uri().equals("qemu:///system");
        boolean root = "root".equals(System.getProperty("user.name"));
        TestEnvironment.require(local && root && pid().isPresent() && Files.isExecutable(Path.of("/usr/sbin/libvirtd")),
                "a libvirtd this test may restart (root, qemu:///system, /run/libvirtd.pid, /usr/sbin/libvirtd)");
    }

    /** The running daemon's pid, if the pid file names a live process. */
    static Optional<Long> pid() {
        try {
            long pid = Long.parseLong(Files.readString(PID_FILE).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Kills the daemon ({@code SIGKILL} when {@code hard}, else {@code SIGTERM}) and waits until it is gone. */
    static void kill(boolean hard) throws InterruptedException {
        ProcessHandle daemon = pid().flatMap(ProcessHandle::of).orElseThrow(() -> new AssertionError("no libvirtd"));
        if (hard) {
            daemon.destroyForcibly();
        } else {
            daemon.destroy();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (daemon.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("libvirtd " + daemon.pid() + " did not exit");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Starts the daemon unless one runs, and waits until {@code uri} answers. Starting may lose a race against
     * another process starting it: what counts is that one answers.
     */
    static void ensureRunning(String uri) throws IOException, InterruptedException, ConnectorException {
        if (pid().isEmpty()) {
            Process p = new ProcessBuilder("/usr/sbin/libvirtd", "-d").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        }
        LibvirtEventLoop.ensureStarted("qemu-test");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                Connect c = new Connect(uri, false);
                c.getLibVersion();
                c.close();
                return;
            } catch (LibvirtException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("libvirtd did not answer on " + uri + ": " + e.getError().getMessage());
                }
                Thread.sleep(100);
            }
        }
    }
}

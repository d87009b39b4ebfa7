package org.virtguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.virtguard.connector.tck.TestEnvironment;

/**
 * The local {@code libvirtd} as {@code ./run-tests} starts it ({@code libvirtd -d} as root, pid in
 * {@code /run/libvirtd.pid}), for tests that kill and restart it, and {@code virsh} on its URI. Only the pid the pid
 * file names is ever signalled.
 */
final class LocalLibvirtd {

    private static final Path PID_FILE = Path.of("/run/libvirtd.pid");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final String uri;

    private LocalLibvirtd(String uri) {
        this.uri = uri;
    }

    /** The exported daemon; skips (or fails under {@code VIRTGUARD_REQUIRE_SERVICES=1}) unless it may be restarted. */
    static LocalLibvirtd require(String test) {
        LabCopy.requireLibvirt();
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! " + test + " NOT RUN: VIRTGUARD_TEST_QEMU_URI is not set (./run-tests sets it to "
                    + "qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI, "
                + "exported by ./run-tests)");
        TestEnvironment.require(uri.equals("qemu:///system") && "root".equals(System.getProperty("user.name"))
                && pid().isPresent(), "a libvirtd this test may restart (root, qemu:///system, " + PID_FILE + ")");
        return new LocalLibvirtd(uri);
    }

    String uri() {
        return uri;
    }

    static Optional<ProcessHandle> pid() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(PID_FILE).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Sends SIGKILL ({@code hard}) or SIGTERM to the daemon and waits until it has exited. */
    void kill(boolean hard) throws InterruptedException {
        ProcessHandle d = pid().orElseThrow(() -> new AssertionError("no libvirtd to kill"));
        if (hard) {
            d.destroyForcibly();
        } else {
            d.destroy();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (d.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("libvirtd " + d.pid() + " did not exit within " + WAIT);
            }
            Thread.sleep(50);
        }
    }

    /** Starts the daemon unless one runs, and waits until it answers. */
    void ensureRunning() throws IOException, InterruptedException {
        if (pid().isEmpty()) {
            new ProcessBuilder("/usr/sbin/libvirtd", "-d").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (virsh("version").exitCode() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("libvirtd did not answer on " + uri);
            }
            Thread.sleep(100);
        }
    }

    /** The output of {@code virsh -c URI args...} and its exit code (-1 when it hung for a minute). */
    Result virsh(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = uri;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** {@code virsh} that must succeed. */
    String must(String... args) throws IOException, InterruptedException {
        Result r = virsh(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("virsh " + String.join(" ", args) + " failed: " + r.output());
        }
        return r.output();
    }

    /** Best effort, for clean-up. */
    void quietly(String... args) {
        try {
            virsh(args);
        } catch (IOException | InterruptedException e) {
            System.err.println("cleanup: virsh " + String.join(" ", args) + ": " + e);
        }
    }

    /** Whether libvirt says the domain runs (after the daemon answers). */
    boolean running(String domain) throws IOException, InterruptedException {
        return must("domstate", domain).trim().startsWith("running");
    }

    /** Whether a QEMU process for the domain exists (started by libvirtd; matched on its {@code -name guest=}). */
    static boolean qemuProcessFor(String domain) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .filter(c -> c.contains("qemu-system") && c.contains("guest=" + domain + ",")).isPresent());
    }

    record Result(int exitCode, String output) {
    }
}

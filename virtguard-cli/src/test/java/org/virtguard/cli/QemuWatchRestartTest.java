package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code virtguard inventory watch --resync 1h} (one sync, then libvirt's live events) while the local libvirtd is
 * killed (SIGKILL) and restarted twice, the second time while a real QEMU guest is starting: after each reconnect a
 * start and a destroy are printed within 5 s each, and after the second the last printed state of the guest is the one
 * libvirt reports (libvirt stops a guest whose start the restart interrupted while it reattaches, without an event),
 * within 20 s and without the hourly re-sync.
 *
 * <p>This test RESTARTS the shared local libvirtd; the guest it defines is named {@code vg-test-watch-*}.
 */
class QemuWatchRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void startsAndDestroysAfterEachRestartArePrintedByInventoryWatch() throws Exception {
        LocalLibvirtd daemon = LocalLibvirtd.require("QEMU INVENTORY-WATCH RESTART TEST");
        String vm = "vg-test-watch-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Path xml = temp.resolve("vm.xml");
        Files.writeString(xml, """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                </domain>""".formatted(vm, UUID.randomUUID()), StandardCharsets.UTF_8);
        ExecutorService background = Executors.newSingleThreadExecutor();
        Thread watch = null;
        try {
            daemon.must("define", xml.toString());
            CommandLine cli = VirtGuardCommand.commandLine(Map.of(), Clock.systemUTC());
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            String[] args = {"--data-dir", temp.resolve("data").toString(), "inventory", "watch", "--source",
                    daemon.uri(), "--resync", "1h", "--duration", "10m"};
            watch = new Thread(() -> cli.execute(args), "virtguard-inventory-watch");
            watch.setDaemon(true);
            watch.start();
            await(() -> out().contains("following live events"), WAIT, "inventory watch following events");

            // 1: plain SIGKILL restart
            restart(daemon, 1);
            startAndDestroyArePrinted(daemon, vm, 1);
            assertThat(count(vm, "PAUSED")).as("a start after the reconnect printed as a pause: " + out()).isZero();

            // 2: SIGKILL while the guest is starting
            Future<LocalLibvirtd.Result> starting = background.submit(() -> daemon.virsh("start", vm));
            await(() -> LocalLibvirtd.qemuProcessFor(vm) || starting.isDone(), WAIT, "QEMU spawned for " + vm);
            restart(daemon, 2);
            System.err.println("watch round 2: virsh start during the restart: " + starting.get().output().trim());
            String actual = daemon.running(vm) ? "RUNNING" : "OFF";
            await(() -> lastPrinted(vm).equals(actual), SETTLED_WITHIN, "printed state " + actual
                    + " as libvirt reports it after round 2 (last printed: " + lastPrinted(vm) + ")");
            if (actual.equals("RUNNING")) {
                int stopped = count(vm, "OFF");
                daemon.must("destroy", vm);
                await(() -> count(vm, "OFF") > stopped, WITHIN, "destroy printed after round 2");
            }
            startAndDestroyArePrinted(daemon, vm, 2);
            assertThat(err()).doesNotContain("Exception");
        } finally {
            if (watch != null) {
                watch.interrupt();
                watch.join(WAIT.toMillis());
            }
            background.shutdownNow();
            daemon.ensureRunning();
            daemon.quietly("destroy", vm);
            daemon.quietly("undefine", vm);
        }
    }

    private void restart(LocalLibvirtd daemon, int round) throws Exception {
        int lost = occurrences(err(), "disconnected");
        int restored = occurrences(err(), "reconnected");
        int recovered = occurrences(out(), "SOURCE_RECOVERED");
        daemon.kill(true);
        await(() -> occurrences(err(), "disconnected") > lost, WAIT, "disconnect reported in round " + round);
        daemon.ensureRunning();
        await(() -> occurrences(err(), "reconnected") > restored, WAIT, "reconnect reported in round " + round);
        // the reconnect's re-read is printed after the reconnect note: a start racing it may be read mid-start (PAUSED)
        await(() -> occurrences(out(), "SOURCE_RECOVERED") > recovered, WAIT, "recovery printed in round " + round);
    }

    private void startAndDestroyArePrinted(LocalLibvirtd daemon, String vm, int round) throws Exception {
        int started = count(vm, "RUNNING");
        daemon.must("start", vm);
        await(() -> count(vm, "RUNNING") > started, WITHIN, "start printed within 5 s in round " + round);
        int stopped = count(vm, "OFF");
        daemon.must("destroy", vm);
        await(() -> count(vm, "OFF") > stopped, WITHIN, "destroy printed within 5 s in round " + round);
    }

    /**
     * Printed power changes of {@code vm} to {@code after} (a start may be printed as OFF to PAUSED, then PAUSED to
     * RUNNING: libvirt reports the guest paused while it starts).
     */
    private int count(String vm, String after) {
        return (int) out().lines().filter(l -> l.contains(vm) && l.contains("POWER_STATE_CHANGED"))
                .map(l -> List.of(l.trim().split("\\s+")))
                .filter(cols -> cols.getLast().equals(after))
                .count();
    }

    /** The power state last printed for {@code vm} (OFF, as defined, when none was). */
    private String lastPrinted(String vm) {
        return out().lines().filter(l -> l.contains(vm) && l.contains("POWER_STATE_CHANGED"))
                .map(l -> List.of(l.trim().split("\\s+")).getLast()).reduce((a, b) -> b).orElse("OFF");
    }

    private static int occurrences(String text, String word) {
        return (int) text.lines().filter(l -> l.contains(word)).count();
    }

    private String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    private String err() {
        synchronized (err) {
            return err.toString();
        }
    }

    private void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within + "\nout:\n" + out() + "\nerr:\n" + err());
            }
            Thread.sleep(50);
        }
    }
}

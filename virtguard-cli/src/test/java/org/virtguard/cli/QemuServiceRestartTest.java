package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.PowerState;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.SourceState;
import org.virtguard.store.StoredVm;

/**
 * {@code libvirtd} killed and restarted under the running service ({@code VirtGuardService} as {@code serve} runs
 * it, re-sync every 15 min), twice in a row: the source is marked stale, the service reconnects and re-collects, and
 * a start and a destroy of a real QEMU guest done after the reconnect reach the store within 5 s each, through the
 * live feed (no periodic re-sync can run meanwhile).
 *
 * <p>This test RESTARTS the shared local libvirtd ({@code VIRTGUARD_TEST_QEMU_URI} from {@code ./run-tests}); the
 * guest and network it defines are named {@code vg-test-svc-*} and removed at the end.
 */
class QemuServiceRestartTest {

    private static final Path PID_FILE = Path.of("/run/libvirtd.pid");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration RECORDED_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @Test
    void startsAndDestroysAfterEachDaemonRestartReachTheStoreThroughLiveEvents() throws Exception {
        LabCopy.requireLibvirt();
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI, "
                + "exported by ./run-tests)");
        TestEnvironment.require(uri.equals("qemu:///system") && "root".equals(System.getProperty("user.name"))
                && daemon().isPresent(), "a libvirtd this test may restart (root, qemu:///system, " + PID_FILE + ")");
        String prefix = "vg-test-svc-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        String net = prefix + "-net";
        String vm = prefix + "-vm";
        Path netXml = temp.resolve("net.xml");
        Path vmXml = temp.resolve("vm.xml");
        Files.writeString(netXml, "<network><name>" + net + "</name></network>", StandardCharsets.UTF_8);
        Files.writeString(vmXml, """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <features><acpi/></features>
                  <devices><interface type='network'><source network='%s'/><model type='e1000'/></interface></devices>
                  <seclabel type='none'/>
                </domain>""".formatted(vm, UUID.randomUUID(), net), StandardCharsets.UTF_8);
        try {
            virsh(uri, "net-define", netXml.toString());
            virsh(uri, "net-start", net);
            virsh(uri, "define", vmXml.toString());
            ConfiguredSource source = new ConfiguredSource(new SourceSpec("kvm-restart", uri, Map.of()),
                    Credentials.none());
            try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source), null,
                    "{}", "30d")) {
                awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.OFF).isPresent(), WAIT, "initial sync");
                for (int round = 1; round <= 2; round++) {
                    killDaemon(round == 1);
                    awaitTrue(() -> sourceStale(h), WAIT, "source marked stale in round " + round);
                    startDaemon(uri);
                    awaitTrue(() -> !sourceStale(h), WAIT, "source reconnected in round " + round);

                    virsh(uri, "start", vm);
                    awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.RUNNING).isPresent(), RECORDED_WITHIN,
                            "start recorded within 5 s in round " + round + "; log: " + h.log);
                    virsh(uri, "destroy", vm);
                    awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.OFF).isPresent(), RECORDED_WITHIN,
                            "destroy recorded within 5 s in round " + round + "; log: " + h.log);
                }
            }
        } finally {
            startDaemon(uri);
            virshQuietly(uri, "destroy", vm);
            virshQuietly(uri, "undefine", vm);
            virshQuietly(uri, "net-destroy", net);
            virshQuietly(uri, "net-undefine", net);
        }
    }

    private static Optional<PowerState> power(GuardedServiceHarness h, String vm) {
        return h.store.inventory().findVm(vm).map(StoredVm::vm).map(v -> v.powerState());
    }

    private static boolean sourceStale(GuardedServiceHarness h) {
        return h.store.inventory().sources().stream().filter(s -> s.id().equals("kvm-restart"))
                .anyMatch(SourceState::stale);
    }

    private static Optional<ProcessHandle> daemon() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(PID_FILE).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void killDaemon(boolean hard) throws InterruptedException {
        ProcessHandle d = daemon().orElseThrow(() -> new AssertionError("no libvirtd to kill"));
        if (hard) {
            d.destroyForcibly();
        } else {
            d.destroy();
        }
        awaitTrue(() -> !d.isAlive(), WAIT, "libvirtd " + d.pid() + " exiting");
    }

    private static void startDaemon(String uri) throws IOException, InterruptedException {
        if (daemon().isEmpty()) {
            new ProcessBuilder("/usr/sbin/libvirtd", "-d").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (run(uri, "version") != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("libvirtd did not answer on " + uri);
            }
            Thread.sleep(100);
        }
    }

    private static void virsh(String uri, String... args) throws IOException, InterruptedException {
        int rc = run(uri, args);
        assertThat(rc).as("virsh " + String.join(" ", args)).isZero();
    }

    private static void virshQuietly(String uri, String... args) {
        try {
            run(uri, args);
        } catch (IOException | InterruptedException e) {
            System.err.println("cleanup: virsh " + String.join(" ", args) + ": " + e);
        }
    }

    private static int run(String uri, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "virsh";
        command[1] = "-c";
        command[2] = uri;
        System.arraycopy(args, 0, command, 3, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within);
            }
            Thread.sleep(50);
        }
    }
}

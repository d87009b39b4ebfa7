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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.model.PowerState;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.SourceState;
import org.virtguard.store.StoredVm;

/**
 * {@code libvirtd} killed and restarted under the running service ({@code VirtGuardService} as {@code serve} runs
 * it, re-sync every 15 min), three times in a row: the source is marked stale, the service reconnects and re-collects,
 * and a start and a destroy of a real QEMU guest done after each reconnect reach the store within 5 s each, through the
 * live feed (no periodic re-sync can run meanwhile). The restarts differ in what the guest does meanwhile:
 * <ol>
 *   <li>SIGKILL with the guest running (its start finished): it keeps running across the restart, and the store says
 *       so;</li>
 *   <li>SIGKILL while the guest is starting (its QEMU process spawned, the start job not finished): libvirt 9.0 stops
 *       such a guest when it reattaches ("shutting down, reason=daemon" in its QEMU log), without an event to the
 *       service; the re-collection after the reconnect records the state libvirt reports;</li>
 *   <li>SIGTERM the moment the guest's QEMU process is gone during a destroy (its event may die with the daemon):
 *       the store ends with the state libvirt reports.</li>
 * </ol>
 *
 * <p>This test RESTARTS the shared local libvirtd ({@code VIRTGUARD_TEST_QEMU_URI} from {@code ./run-tests}); the
 * guest and network it defines are named {@code vg-test-svc-*} and removed at the end.
 */
class QemuServiceRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration RECORDED_WITHIN = Duration.ofSeconds(5);
    /** The re-collection after a reconnect, on a loaded machine. */
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void startsAndDestroysAfterEachDaemonRestartReachTheStoreThroughLiveEvents() throws Exception {
        LocalLibvirtd daemon = LocalLibvirtd.require("QEMU SERVICE-RESTART TEST");
        String uri = daemon.uri();
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
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            daemon.must("net-define", netXml.toString());
            daemon.must("net-start", net);
            daemon.must("define", vmXml.toString());
            ConfiguredSource source = new ConfiguredSource(new SourceSpec("kvm-restart", uri, Map.of()),
                    Credentials.none());
            try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source), null,
                    "{}", "30d")) {
                awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.OFF).isPresent(), WAIT, "initial sync");

                // 1: the guest runs across a SIGKILL restart
                daemon.must("start", vm);
                awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.RUNNING).isPresent(), RECORDED_WITHIN,
                        "start recorded before round 1");
                restart(daemon, h, true, 1);
                assertThat(daemon.running(vm)).as("the guest runs across the restart; its QEMU log ends: "
                        + qemuLogTail(vm)).isTrue();
                awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.RUNNING).isPresent(), SETTLED_WITHIN,
                        "RUNNING kept after round 1");
                destroyIsRecorded(daemon, h, vm, 1);
                startAndDestroyAreRecorded(daemon, h, vm, 1);

                // 2: SIGKILL while the guest is starting
                Future<LocalLibvirtd.Result> starting = background.submit(() -> daemon.virsh("start", vm));
                awaitTrue(() -> LocalLibvirtd.qemuProcessFor(vm) || starting.isDone(), WAIT, "QEMU spawned for " + vm);
                restart(daemon, h, true, 2);
                System.err.println("round 2: virsh start during the restart: " + starting.get().output().trim()
                        + "; after the restart the guest is " + (daemon.running(vm) ? "running" : "off"));
                storeAgreesWithLibvirt(daemon, h, vm, 2);
                if (daemon.running(vm)) {
                    destroyIsRecorded(daemon, h, vm, 2);
                }
                startAndDestroyAreRecorded(daemon, h, vm, 2);

                // 3: SIGTERM while the guest is being destroyed
                daemon.must("start", vm);
                awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.RUNNING).isPresent(), RECORDED_WITHIN,
                        "start recorded before round 3");
                Future<LocalLibvirtd.Result> destroying = background.submit(() -> daemon.virsh("destroy", vm));
                awaitTrue(() -> !LocalLibvirtd.qemuProcessFor(vm) || destroying.isDone(), WAIT, "destroy under way");
                restart(daemon, h, false, 3);
                System.err.println("round 3: virsh destroy during the restart: " + destroying.get().output().trim()
                        + "; after the restart the guest is " + (daemon.running(vm) ? "running" : "off"));
                storeAgreesWithLibvirt(daemon, h, vm, 3);
                if (daemon.running(vm)) {
                    destroyIsRecorded(daemon, h, vm, 3);
                }
                startAndDestroyAreRecorded(daemon, h, vm, 3);
                assertThat(power(h, vm)).contains(PowerState.OFF);
                assertThat(sourceStale(h)).isFalse();
            }
        } finally {
            background.shutdownNow();
            daemon.ensureRunning();
            daemon.quietly("destroy", vm);
            daemon.quietly("undefine", vm);
            daemon.quietly("net-destroy", net);
            daemon.quietly("net-undefine", net);
        }
    }

    private static void restart(LocalLibvirtd daemon, GuardedServiceHarness h, boolean hard, int round)
            throws Exception {
        daemon.kill(hard);
        awaitTrue(() -> sourceStale(h), WAIT, "source marked stale in round " + round);
        daemon.ensureRunning();
        awaitTrue(() -> !sourceStale(h), WAIT, "source reconnected in round " + round);
    }

    private static void startAndDestroyAreRecorded(LocalLibvirtd daemon, GuardedServiceHarness h, String vm, int round)
            throws Exception {
        daemon.must("start", vm);
        awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.RUNNING).isPresent(), RECORDED_WITHIN,
                "start recorded within 5 s in round " + round + "; log: " + h.log);
        destroyIsRecorded(daemon, h, vm, round);
    }

    private static void destroyIsRecorded(LocalLibvirtd daemon, GuardedServiceHarness h, String vm, int round)
            throws Exception {
        daemon.must("destroy", vm);
        awaitTrue(() -> power(h, vm).filter(p -> p == PowerState.OFF).isPresent(), RECORDED_WITHIN,
                "destroy recorded within 5 s in round " + round + "; log: " + h.log);
    }

    private static void storeAgreesWithLibvirt(LocalLibvirtd daemon, GuardedServiceHarness h, String vm, int round)
            throws Exception {
        PowerState actual = daemon.running(vm) ? PowerState.RUNNING : PowerState.OFF;
        awaitTrue(() -> power(h, vm).filter(p -> p == actual).isPresent(), SETTLED_WITHIN,
                "store showing " + actual + " as libvirt does after round " + round + " (store: " + power(h, vm) + ")");
    }

    private static String qemuLogTail(String vm) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/var/log/libvirt/qemu/" + vm + ".log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no QEMU log: " + e.getMessage() + ")";
        }
    }

    private static Optional<PowerState> power(GuardedServiceHarness h, String vm) {
        return h.store.inventory().findVm(vm).map(StoredVm::vm).map(v -> v.powerState());
    }

    private static boolean sourceStale(GuardedServiceHarness h) {
        return h.store.inventory().sources().stream().filter(s -> s.id().equals("kvm-restart"))
                .anyMatch(SourceState::stale);
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

package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.lifecycle.DormantVmDetector;
import org.virtguard.model.PowerState;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.StoredVm;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;

/**
 * The dormant-VM guard on real libvirt events under the running service (as {@code serve} runs it, default 30-day
 * threshold, re-sync every 15 min so that only live events can record anything): a real QEMU guest started a moment
 * after it was first seen raises nothing; after its power-off is aged 45 days in the store, the next start, seen
 * through libvirt's lifecycle event, raises a dormant-VM alert within 5 s. Runs against
 * {@code VIRTGUARD_TEST_QEMU_URI}; skips loudly without it and fails when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
class QemuDormantGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    @Test
    void aGuestOffForLongerThanTheThresholdRaisesTheDormantAlertWhenLibvirtReportsItsStart() throws Exception {
        LabCopy.requireLibvirt();
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! QEMU DORMANT-GUARD TEST NOT RUN: VIRTGUARD_TEST_QEMU_URI is not set (./run-tests "
                    + "sets it to qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI, "
                + "exported by ./run-tests)");
        String uuid = UUID.randomUUID().toString();
        String name = "vg-test-dormant-" + uuid.substring(0, 8);
        Connect c = new Connect(uri);
        Domain domain = c.domainDefineXML("""
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                </domain>""".formatted(name, uuid));
        try {
            ConfiguredSource source = new ConfiguredSource(new SourceSpec("kvm-dormant", uri, Map.of()),
                    Credentials.none());
            try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source), null,
                    "{}", "30d")) {
                await(() -> power(h, uuid).filter(p -> p == PowerState.OFF).isPresent(), WAIT, "initial sync");

                domain.create();
                await(() -> power(h, uuid).filter(p -> p == PowerState.RUNNING).isPresent(), WITHIN, "first start");
                domain.destroy();
                await(() -> power(h, uuid).filter(p -> p == PowerState.OFF).isPresent(), WITHIN, "destroy");
                assertThat(dormantAlerts(h)).as("off for seconds, below the 30-day threshold").isEmpty();

                Instant longAgo = Instant.now().minus(Duration.ofDays(45));
                int aged = h.store.jdbi().withHandle(x -> x.createUpdate("UPDATE inv_change SET changed_at = :at "
                                + "WHERE object_id = :vm AND change_type = 'POWER_STATE_CHANGED' AND new_value = 'OFF'")
                        .bind("at", longAgo).bind("vm", uuid).execute());
                assertThat(aged).isEqualTo(1);

                domain.create();
                long started = System.nanoTime();
                await(() -> !dormantAlerts(h).isEmpty(), WITHIN, "dormant-VM alert within 5 s of the start; log: "
                        + h.log);
                System.err.printf("dormant-VM alert %d ms after the start returned%n",
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertThat(dormantAlerts(h)).singleElement().satisfies(a -> {
                    assertThat(a.alert().target().vmId()).isEqualTo(uuid);
                    assertThat(a.alert().title()).isEqualTo("Dormant VM " + name + " powered on after 45 days off");
                    assertThat(a.alert().attributes()).containsEntry("offDays", "45")
                            .containsEntry("source", "kvm-dormant");
                });
            }
        } finally {
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            c.close();
        }
    }

    private static List<StoredAlert> dormantAlerts(GuardedServiceHarness h) {
        return h.store.alerts().list(AlertQuery.all()).stream()
                .filter(a -> a.alert().kind().equals(DormantVmDetector.KIND)).toList();
    }

    private static Optional<PowerState> power(GuardedServiceHarness h, String uuid) {
        return h.store.inventory().findVm(uuid).map(StoredVm::vm).map(v -> v.powerState());
    }

    private static void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within);
            }
            Thread.sleep(50);
        }
    }
}

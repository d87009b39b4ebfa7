package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.virtguard.connector.libvirt.LibvirtPeer;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.lifecycle.MigrationGuard;
import org.virtguard.model.Severity;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;

/**
 * The migration guard on a real live migration between two hypervisors: the running service watches the machine's
 * libvirtd ({@code kvm-high}, trust 50 in the zone policy) and a {@link LibvirtPeer} (a second libvirtd in its own
 * namespaces, {@code kvm-low}, trust 10) as two sources. A running confidential guest (minimum host trust 50) is
 * live-migrated by libvirt from the first to the second (QEMU moves its memory over TCP, the definition moves with it):
 * both live feeds report it and the migration alert naming both hosts is recorded within 5 s of the migration's end.
 * Migrating it back, live, to the trusted host raises no further alert. Both daemons run on one machine and report
 * the same host name, so the peer's source declares its {@code host_uuid} ({@code host-uuid} option) to get a host
 * identity of its own, as a real second hypervisor would. Skips loudly without a real libvirtd as root
 * and fails when {@code VIRTGUARD_REQUIRE_SERVICES=1}; removes the guest and the peer daemon even when it fails.
 */
class QemuLiveMigrationGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final long LIVE_PERSIST_DEST_UNDEFINE_SOURCE = 1 | 8 | 16;
    private static final String HIGH = "vg-test-kvm-high";
    private static final String LOW = "vg-test-kvm-low";

    @TempDir
    Path temp;

    @Test
    void aLiveMigrationOfAConfidentialGuestToALowTrustHostRaisesTheAlertAndTheWayBackDoesNot() throws Exception {
        LabCopy.requireLibvirt();
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! QEMU LIVE-MIGRATION GUARD TEST NOT RUN: VIRTGUARD_TEST_QEMU_URI is not set "
                    + "(./run-tests sets it to qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI, "
                + "exported by ./run-tests)");
        String uuid = UUID.randomUUID().toString();
        String name = "vg-test-livemig-" + uuid.substring(0, 8);
        Path zones = temp.resolve("zones.yaml");
        String labZones = Files.readString(TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"),
                StandardCharsets.UTF_8);
        assertThat(labZones).contains("\nhosts:\n");
        Files.writeString(zones, labZones.replace("\nhosts:\n", "\nhosts:\n"
                + "  - match: {names: [" + HIGH + "]}\n    trust: 50\n    site: lab\n"
                + "  - match: {names: [" + LOW + "]}\n    trust: 10\n    site: lab\n"), StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try (LibvirtPeer peer = LibvirtPeer.besides(uri)) {
            System.err.printf("peer libvirtd up after %d ms%n", millisSince(t0));
            Connect here = new Connect(uri);
            Connect there = new Connect(peer.uri());
            try {
                here.domainDefineXML(guest(name, uuid)).create();
                List<ConfiguredSource> sources = List.of(
                        new ConfiguredSource(new SourceSpec("kvm-high", uri, Map.of("name", HIGH)), Credentials.none()),
                        new ConfiguredSource(new SourceSpec("kvm-low", peer.uri(), Map.of("name", LOW,
                                "host-uuid", peer.hostUuid())),
                                Credentials.none()));
                try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), sources, zones, "{}",
                        "30d")) {
                    await(() -> onSource(h, uuid, "kvm-high"), WAIT, "the running guest on " + HIGH + " after the "
                            + "first sync; log: " + h.log);
                    assertThat(migrationAlerts(h)).isEmpty();

                    long started = System.nanoTime();
                    here.domainLookupByUUIDString(uuid).migrate(there, LIVE_PERSIST_DEST_UNDEFINE_SOURCE, null,
                            peer.migrationUri(), 0);
                    long finished = System.nanoTime();
                    System.err.printf("live migration to the peer took %d ms%n", (finished - started) / 1_000_000);
                    assertThat(there.domainLookupByUUIDString(uuid).isActive()).as("running on the peer").isEqualTo(1);
                    await(() -> !migrationAlerts(h).isEmpty(), Duration.ofNanos(finished - System.nanoTime())
                            .plus(WITHIN), "migration alert within 5 s of the migration's end; log: " + h.log);
                    System.err.printf("migration alert %d ms after the migration's end%n", millisSince(finished));
                    await(() -> onSource(h, uuid, "kvm-low"), WITHIN, "the guest on " + LOW + " in the store");
                    Thread.sleep(SETTLE.toMillis());
                    List<StoredAlert> alerts = migrationAlerts(h);
                    assertThat(alerts).as("alerts: %s", alerts).isNotEmpty().allSatisfy(a -> {
                        assertThat(a.alert().severity()).isEqualTo(Severity.HIGH);
                        assertThat(a.alert().title()).contains(name, HIGH + " (trust 50)", LOW + " (trust 10)",
                                "zone-host-trust-too-low");
                        assertThat(a.alert().attributes()).containsEntry("classification", "confidential")
                                .containsEntry("fromHost", HIGH).containsEntry("toHost", LOW)
                                .containsEntry("source", "kvm-low");
                    });
                    System.err.printf("%d migration alert(s) for the one migration%n", alerts.size());
                    assertThat(onSource(h, uuid, "kvm-low")).as("still on the peer after the events settled").isTrue();

                    long back = System.nanoTime();
                    there.domainLookupByUUIDString(uuid).migrate(here, LIVE_PERSIST_DEST_UNDEFINE_SOURCE, null,
                            peer.hostSideMigrationUri(), 0);
                    System.err.printf("live migration back took %d ms%n", millisSince(back));
                    assertThat(here.domainLookupByUUIDString(uuid).isActive()).as("running here again").isEqualTo(1);
                    await(() -> onSource(h, uuid, "kvm-high"), WITHIN, "the guest back on " + HIGH + "; log: "
                            + h.log);
                    Thread.sleep(SETTLE.toMillis());
                    assertThat(migrationAlerts(h)).as("no alert for the move to the trusted host")
                            .hasSameSizeAs(alerts);
                    assertThat(onSource(h, uuid, "kvm-high")).isTrue();
                }
            } finally {
                removeQuietly(here, uuid, name);
                removeQuietly(there, uuid, name);
                here.close();
                there.close();
            }
        }
        System.err.printf("QemuLiveMigrationGuardTest took %d ms%n", millisSince(t0));
    }

    private static boolean onSource(GuardedServiceHarness h, String uuid, String sourceId) {
        return h.store.inventory().findVm(uuid).filter(v -> v.sourceId().equals(sourceId)).isPresent();
    }

    private static List<StoredAlert> migrationAlerts(GuardedServiceHarness h) {
        return h.store.alerts().list(AlertQuery.all()).stream()
                .filter(a -> a.alert().kind().equals(MigrationGuard.KIND)).toList();
    }

    private static void removeQuietly(Connect c, String uuid, String name) {
        try {
            Domain d = c.domainLookupByUUIDString(uuid);
            if (d.isActive() == 1) {
                d.destroy();
            }
            if (d.isPersistent() == 1) {
                d.undefine();
            }
        } catch (LibvirtException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("not found") && !message.contains("no domain")) {
                System.err.println("cleanup: cannot remove " + name + ": " + message);
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String guest(String name, String uuid) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <uuid>%s</uuid>
                  <metadata>
                    <vg:labels xmlns:vg='https://virtguard.org/xmlns/labels/1'>
                      <vg:label key='classification'>confidential</vg:label>
                    </vg:labels>
                  </metadata>
                  <memory unit='MiB'>64</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <seclabel type='none'/>
                </domain>""".formatted(name, uuid);
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

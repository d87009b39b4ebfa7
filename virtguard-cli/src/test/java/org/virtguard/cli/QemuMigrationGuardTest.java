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
import org.virtguard.connector.libvirt.LibvirtConnector;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.lifecycle.MigrationGuard;
import org.virtguard.model.Severity;
import org.virtguard.service.sync.ConfiguredSource;
import org.virtguard.spi.Credentials;
import org.virtguard.spi.SourceSpec;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;

/**
 * The migration guard on a real libvirt event under the running service: a confidential VM (minimum host trust 50)
 * lives, shut off, on the lab's host-b (trust 50, libvirt's test driver); its definition then appears on the real QEMU host
 * (trust 10 in the zone policy), as on the destination of a migration. libvirt's DEFINED event for it makes the
 * service re-read the VM there, the store records the move, and the migration alert naming both hosts is raised
 * within 5 s of the define; the source host then dropping the VM (test driver undefine, its own event) leaves the
 * VM on the QEMU host. Only one daemon runs here, so the source side is simulated (test driver) and only the arrival
 * is real; a live migration between two daemons is not tried. Runs against {@code VIRTGUARD_TEST_QEMU_URI}; skips
 * loudly without it and fails when {@code VIRTGUARD_REQUIRE_SERVICES=1}.
 */
class QemuMigrationGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final String LOW_TRUST_HOST = "vg-test-kvm-low";

    @TempDir
    Path temp;

    @Test
    void aConfidentialVmDefinedOnALowTrustQemuHostRaisesTheMigrationAlertFromLibvirtsEvent() throws Exception {
        LabCopy.requireLibvirt();
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        if (uri == null || uri.isBlank()) {
            System.err.println("!!! QEMU MIGRATION-GUARD TEST NOT RUN: VIRTGUARD_TEST_QEMU_URI is not set (./run-tests "
                    + "sets it to qemu:///system when it starts libvirtd)");
        }
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI, "
                + "exported by ./run-tests)");
        String uuid = UUID.randomUUID().toString();
        String name = "vg-test-mig-" + uuid.substring(0, 8);
        Path lab = LabCopy.into(temp.resolve("lab"));
        Files.writeString(lab.resolve("host-b/" + name + ".xml"), guest(name, uuid, "kvm")
                .replace("<domain type='kvm'>",
                        "<domain type='kvm' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>")
                .replace("</domain>", "  <test:runstate>5</test:runstate>\n</domain>"), StandardCharsets.UTF_8);
        Path hostB = lab.resolve("host-b.xml");
        Files.writeString(hostB, Files.readString(hostB, StandardCharsets.UTF_8).replace("</node>",
                "  <domain file='host-b/" + name + ".xml'/>\n</node>"), StandardCharsets.UTF_8);
        Path zones = temp.resolve("zones.yaml");
        String labZones = Files.readString(TestEnvironment.repoRoot().resolve("lab/policy/zones.yaml"),
                StandardCharsets.UTF_8);
        assertThat(labZones).contains("\nhosts:\n");
        Files.writeString(zones, labZones.replace("\nhosts:\n", "\nhosts:\n  - match: {names: [" + LOW_TRUST_HOST
                + "]}\n    trust: 10\n    site: lab\n"), StandardCharsets.UTF_8);
        List<ConfiguredSource> sources = List.of(
                new ConfiguredSource(new SourceSpec("lab-b", "test://" + hostB, Map.of()), Credentials.none()),
                new ConfiguredSource(new SourceSpec("kvm-low", uri, Map.of("name", LOW_TRUST_HOST)),
                        Credentials.none()));
        Connect qemu = new Connect(uri);
        Domain arrived = null;
        try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), sources, zones, "{}", "30d")) {
            await(() -> h.store.inventory().findVm(uuid).filter(v -> v.vm().hostId().equals("libvirt:lab-b"))
                    .isPresent(), WAIT, "the VM on host-b after the first sync");

            arrived = qemu.domainDefineXML(guest(name, uuid, "qemu"));
            long defined = System.nanoTime();
            await(() -> !migrationAlerts(h).isEmpty(), WITHIN, "migration alert within 5 s of the define; log: "
                    + h.log);
            System.err.printf("migration alert %d ms after the define%n",
                    Duration.ofNanos(System.nanoTime() - defined).toMillis());
            assertThat(migrationAlerts(h)).singleElement().satisfies(a -> {
                assertThat(a.alert().severity()).isEqualTo(Severity.HIGH);
                assertThat(a.alert().title()).contains(name, "host-b (trust 50)", LOW_TRUST_HOST + " (trust 10)",
                        "zone-host-trust-too-low");
                assertThat(a.alert().attributes()).containsEntry("classification", "confidential")
                        .containsEntry("fromHost", "host-b").containsEntry("toHost", LOW_TRUST_HOST)
                        .containsEntry("source", "kvm-low");
            });

            LibvirtConnector labB = (LibvirtConnector) h.pool.acquire(sources.getFirst());
            labB.connection().domainLookupByUUIDString(uuid).undefine();
            Thread.sleep(1_000);
            assertThat(h.store.inventory().findVm(uuid)).as("the source host dropping it leaves it where it went")
                    .hasValueSatisfying(v -> {
                        assertThat(v.sourceId()).isEqualTo("kvm-low");
                        assertThat(v.vm().hostId()).doesNotContain("lab-b");
                    });
        } finally {
            if (arrived != null) {
                try {
                    arrived.undefine();
                } catch (LibvirtException e) {
                    System.err.println("cleanup: cannot undefine " + name + ": " + e.getMessage());
                }
            }
            qemu.close();
        }
    }

    private static List<StoredAlert> migrationAlerts(GuardedServiceHarness h) {
        return h.store.alerts().list(AlertQuery.all()).stream()
                .filter(a -> a.alert().kind().equals(MigrationGuard.KIND)).toList();
    }

    private static String guest(String name, String uuid, String type) {
        return """
                <domain type='%s'>
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
                </domain>""".formatted(type, name, uuid);
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

package org.virtguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.vsphere.soap.Xml;
import org.virtguard.connector.vsphere.vcsim.VcsimVmControl;
import org.virtguard.lifecycle.MigrationGuard;
import org.virtguard.model.Severity;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;

/**
 * Migration policy against vcsim, wired as the service runs it: a PCI-classified VM relocated (RelocateVM_Task)
 * to a lower-trust host raises a migration alert naming both hosts within 5 s, through the live feed; a move
 * between hosts of equal trust raises none.
 */
class MigrationAlertTest extends VcsimLab {

    private static final String VM = "DC0_C0_RP0_VM0";
    private static final List<String> CLUSTER_HOSTS = List.of("DC0_C0_H0", "DC0_C0_H1", "DC0_C0_H2");

    @TempDir
    Path temp;

    @Test
    void aPciVmRelocatedToALowerTrustHostRaisesAnAlertNamingBothHostsWithinFiveSeconds() throws Exception {
        try (VcsimVmControl control = new VcsimVmControl(vcsim)) {
            String from = currentHost(control);
            List<String> others = CLUSTER_HOSTS.stream().filter(h -> !h.equals(from)).toList();
            String weak = others.get(0);
            String peer = others.get(1);
            Path zones = Files.writeString(temp.resolve("zones.yaml"), """
                    zones:
                      - {name: pci, trust: 90, match: {networks: ["VM Network", "DC0_DVPG0"]}}
                    classifications:
                      - {name: pci, match: {names: [%s]}, minHostTrust: 80}
                    hosts:
                      - {match: {names: [%s]}, trust: 10, site: dc0}
                      - {match: {names: ["DC0_*"]}, trust: 90, site: dc0}
                    """.formatted(VM, weak));

            try (GuardedServiceHarness h = new GuardedServiceHarness(temp.resolve("data"), List.of(source("vc")), zones,
                    "{}", "30d")) {
                Thread.sleep(500);
                control.relocate(VM, peer);
                Thread.sleep(2_000);
                assertThat(migrationAlerts(h)).as("a move between hosts of equal trust").isEmpty();

                long start = System.nanoTime();
                control.relocate(VM, weak);
                Optional<StoredAlert> alert = Optional.empty();
                while (alert.isEmpty() && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
                    Thread.sleep(25);
                    alert = migrationAlerts(h).stream().findFirst();
                }
                Duration latency = Duration.ofNanos(System.nanoTime() - start);

                assertThat(alert).as("migration alert").isPresent();
                assertThat(latency).as("relocation to stored alert").isLessThan(Duration.ofSeconds(5));
                assertThat(alert.get().alert().severity()).isEqualTo(Severity.HIGH);
                assertThat(alert.get().alert().title()).contains(VM, peer + " (trust 90)", weak + " (trust 10)",
                        "zone-host-trust-too-low");
                assertThat(alert.get().alert().attributes()).containsEntry("fromHost", peer)
                        .containsEntry("toHost", weak).containsEntry("classification", "pci");

                HttpResponse<String> api = h.get("olga", "/api/v1/alerts?kind=lifecycle.migration");
                assertThat(api.statusCode()).isEqualTo(200);
                assertThat(api.body()).contains(weak, peer);
                System.out.println("relocation -> migration alert stored: " + latency.toMillis() + " ms");
            }
        }
    }

    private static List<StoredAlert> migrationAlerts(GuardedServiceHarness h) {
        return h.store.alerts().list(AlertQuery.all()).stream()
                .filter(a -> a.alert().kind().equals(MigrationGuard.KIND)).toList();
    }

    private static String currentHost(VcsimVmControl control) throws Exception {
        var hostRef = Xml.ref(control.one(control.vm(VM), "runtime.host").get("runtime.host"));
        return control.one(hostRef, "name").text("name");
    }
}

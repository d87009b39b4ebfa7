package org.virtguard.cli.serve;

import org.virtguard.service.runtime.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.InventorySnapshot;
import org.virtguard.model.Platform;
import org.virtguard.server.views.FindingFilter;
import org.virtguard.store.Store;
import org.virtguard.store.StoreConfig;

/**
 * The service evaluates hypervisor builds against the advisories and the CISA KEV catalogue with every policy
 * evaluation: an ESXi host on a build affected by VMSA-2025-0004 gets a finding naming the CVE, that it is
 * known exploited and the fixed build; once patched the finding is resolved.
 */
class ExposureInServiceTest {

    @TempDir
    Path temp;

    @Test
    void anAffectedBuildIsAFindingInTheServiceAndThePatchResolvesIt() throws Exception {
        Path kev = TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json");
        Clock clock = Clock.systemUTC();
        try (Store store = Store.open(StoreConfig.embedded(temp.resolve("data")));
             PolicyEngineView policy = ServiceWiring.policyEngine(store, clock, List.of(), null, m -> { })
                     .withExposure(ServiceWiring.exposure(kev, List.of(), clock))) {
            List<org.virtguard.model.Alert> alerts = new java.util.ArrayList<>();
            policy.addScanListener(new ExposureAlerts(alerts::add));
            sync(store, esxi("24280767"));
            policy.evaluate();

            assertThat(alerts).as("the exposure appearing is an alert").singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo("exposure.hypervisor-vulnerable");
                assertThat(a.target().hostName()).isEqualTo("esx01");
                assertThat(a.attributes()).containsEntry("checkId", "exposure.hypervisor.VMSA-2025-0004");
            });
            policy.evaluate();
            assertThat(alerts).as("an exposure that stays open is not raised again").hasSize(1);

            List<Finding> open = policy.findings(new FindingFilter(null, "exposure.hypervisor.VMSA-2025-0004", null,
                    null, null, "exposure"), 0, 10).items();
            assertThat(open).singleElement().satisfies(f -> assertThat(f.message())
                    .contains("CVE-2025-22224", "KNOWN EXPLOITED", "24585383"));

            sync(store, esxi("24585383"));
            policy.evaluate();

            assertThat(policy.findings(new FindingFilter(null, "exposure.hypervisor.VMSA-2025-0004", null, null, null,
                    "exposure"), 0, 10).items()).isEmpty();
        }
    }

    private static void sync(Store store, Host host) {
        store.inventory().applySync(List.of(new InventorySnapshot("vc", Instant.now(), null, null, List.of(host),
                List.of(), null, null, null)), List.of(), Instant.now());
    }

    private static Host esxi(String build) {
        return new Host("vsphere:vc:esx01", "vc", "esx01", Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi", "8.0.3",
                build, Map.of(), List.of(), null, null, null, null, Map.of());
    }
}

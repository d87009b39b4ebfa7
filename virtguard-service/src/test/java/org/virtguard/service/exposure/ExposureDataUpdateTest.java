package org.virtguard.service.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.exposure.ExposureScanner;
import org.virtguard.exposure.VulnerabilityData;
import org.virtguard.exposure.data.DataKinds;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;
import org.virtguard.server.readiness.ComponentStatus;
import org.virtguard.service.runtime.ServiceWiring;
import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

/** {@code exposure update}: files into the store with provenance, read back after a restart, freshness. */
class ExposureDataUpdateTest {

    private static final Clock LOAD = Clock.fixed(Instant.parse("2026-12-07T21:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private Path directory(String epssDate) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("feeds-" + epssDate));
        Files.copy(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"),
                dir.resolve("known_exploited_vulnerabilities.json"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("epss_scores.csv.gz")))) {
            out.write(("#model_version:v2025.03.14,score_date:" + epssDate + "T00:00:00+0000\ncve,epss,percentile\n"
                    + "CVE-2019-5544,0.71,0.98\nCVE-2020-3992,0.93,0.99\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("osv-debian.json"), """
                {"id": "DEBIAN-CVE-2024-1441", "modified": "2026-12-01T00:00:00Z", "aliases": ["CVE-2024-1441"],
                 "affected": [{"package": {"ecosystem": "Debian:12", "name": "libvirt"},
                   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "9.0.0-4+deb12u2"}]}]}]}
                """);
        return dir;
    }

    @DatabaseTest
    void loadedDataIsStoredWithProvenanceAndUsedAfterARestart(Store store) throws Exception {
        List<ExposureDataUpdate.FileResult> results = ExposureDataUpdate.run(store, directory("2026-12-06"),
                DataKinds.standard(), LOAD);

        assertThat(results).extracting(ExposureDataUpdate.FileResult::status).containsOnly("loaded");
        var kev = results.stream().filter(r -> r.file().startsWith("known")).findFirst().orElseThrow().stored();
        assertThat(kev.key()).isEqualTo("kev");
        assertThat(kev.dataDate()).isEqualTo(Instant.parse("2025-08-25T17:04:19.9796Z"));
        assertThat(kev.loadedAt()).isEqualTo(LOAD.instant());
        assertThat(kev.sha256()).hasSize(64);
        assertThat(kev.records()).isGreaterThan(1000);

        List<String> log = new ArrayList<>();
        VulnerabilityData data = StoredVulnerabilityData.load(store, DataKinds.standard(), log::add);
        assertThat(log).isEmpty();
        assertThat(data.kev()).isPresent();
        assertThat(data.epss().find("CVE-2020-3992")).isPresent();
        assertThat(data.osv().size()).isEqualTo(1);
        assertThat(data.dataSets()).extracting(d -> d.key()).containsExactlyInAnyOrder("epss", "kev",
                "osv:Debian");

        ExposureScanner scanner = ServiceWiring.exposure(null, List.of(), store, LOAD, log::add);
        Host kvm = new Host("libvirt:kvm1", "kvm1", "kvm1", Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", "7.2.0",
                "7.2.0", Map.of("libvirt", "9.0.0", "os.id", "debian", "os.version", "12",
                "package.libvirt-daemon", "9.0.0-4+deb12u1"), List.of(), null, null, null, null, Map.of());
        Finding libvirt = scanner.scan(List.of(kvm), List.of()).stream()
                .filter(f -> f.checkId().equals("exposure.distribution.libvirt")).findFirst().orElseThrow();
        assertThat(libvirt.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(libvirt.evidence()).containsEntry("sourceRecords", "DEBIAN-CVE-2024-1441")
                .containsEntry("dataDate", "2026-12-01");
    }

    @DatabaseTest
    void aBadFileIsRejectedAndTheDataSetItWouldReplaceStays(Store store) throws Exception {
        ExposureDataUpdate.run(store, directory("2026-12-06"), DataKinds.standard(), LOAD);
        Path bad = Files.createDirectories(temp.resolve("bad"));
        Files.writeString(bad.resolve("known_exploited_vulnerabilities.json"), "{\"vulnerabilities\": [");
        Files.writeString(bad.resolve("epss.csv"), "cve,epss,percentile\nCVE-2099-0001,0.5,0.5\n");

        List<ExposureDataUpdate.FileResult> results = ExposureDataUpdate.run(store, bad, DataKinds.standard(), LOAD);

        assertThat(results).filteredOn(r -> r.status().equals("rejected")).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("known_exploited_vulnerabilities.json"));
        assertThat(store.vulnerabilityData().find("kev").orElseThrow().records()).isGreaterThan(1000);
        assertThat(store.vulnerabilityData().find("epss").orElseThrow().fileName()).isEqualTo("epss.csv");
        VulnerabilityData data = StoredVulnerabilityData.load(store, DataKinds.standard(), s -> { });
        assertThat(data.epss().find("CVE-2099-0001")).isPresent();
        assertThat(data.epss().find("CVE-2020-3992")).isEmpty();
        assertThat(data.kev()).isPresent();
    }

    @DatabaseTest
    void staleDataDegradesReadinessWithoutTakingItDown(Store store) throws Exception {
        ExposureDataUpdate.run(store, directory("2026-11-01"), DataKinds.standard(), LOAD);
        VulnerabilityData data = StoredVulnerabilityData.load(store, DataKinds.standard(), s -> { });

        ExposureDataStatus status = new ExposureDataStatus(data::dataSets, Duration.ofDays(7), LOAD);

        ComponentStatus component = status.status();
        assertThat(component.state()).isEqualTo(ComponentStatus.State.DEGRADED);
        assertThat(component.critical()).isFalse();
        assertThat(component.details().get("stale").toString()).contains("epss", "kev")
                .doesNotContain("osv");
        assertThat(status.warnings()).anySatisfy(w -> assertThat(w).contains("epss", "36 days old"));
        ExposureDataStatus lenient = new ExposureDataStatus(data::dataSets, Duration.ofDays(3650), LOAD);
        assertThat(lenient.status().state()).isEqualTo(ComponentStatus.State.UP);
    }
}

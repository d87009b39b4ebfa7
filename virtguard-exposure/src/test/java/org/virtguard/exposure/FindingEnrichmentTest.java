package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.exposure.data.DataFreshness;
import org.virtguard.exposure.data.DataSetInfo;
import org.virtguard.exposure.epss.EpssScores;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.ObjectType;
import org.virtguard.model.Platform;
import org.virtguard.model.ResourceRef;
import org.virtguard.model.Severity;

class FindingEnrichmentTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private static final Instant SCORED = Instant.parse("2026-12-06T00:00:00Z");

    private static VulnerabilityData withEpss(String csv) {
        EpssScores scores = EpssScores.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "e.csv");
        DataSetInfo info = new DataSetInfo("epss", "epss", "epss_scores-2026-12-06.csv.gz", "ab", 1, SCORED,
                NOW.instant(), scores.size(), Map.of());
        return VulnerabilityData.of(List.of(new VulnerabilityData.Loaded(info, scores)));
    }

    private static Finding cveFinding(String id, String cve, String cvss) {
        Map<String, String> evidence = cvss == null ? Map.of("cve", cve) : Map.of("cve", cve, "cvss", cvss);
        return new Finding("exposure.cve." + id, new ResourceRef(ObjectType.HOST, "h", "h"), CheckStatus.FAIL,
                Severity.HIGH, "t", "m", evidence, List.of(), NOW.instant());
    }

    @Test
    void kevDetailsAndEpssReachFindingsWithTheirDataSets() {
        KevCatalog kev = KevCatalog.load(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"));
        VulnerabilityData data = withEpss("cve,epss,percentile\nCVE-2019-5544,0.94,0.999\n");

        Finding f = new FindingEnrichment(kev, data).apply(List.of(cveFinding("a", "CVE-2019-5544", "8.8"))).get(0);

        assertThat(f.evidence()).containsEntry("epss", "0.94000").containsEntry("epssPercentile", "0.99900")
                .containsEntry("epssData", "epss (epss_scores-2026-12-06.csv.gz, data of 2026-12-06)")
                .containsEntry("kevDateAdded", "2021-11-03").containsEntry("kevRansomwareUse", "Known")
                .containsKey("kevData");
    }

    @Test
    void rankingPutsKevFirstThenEpssThenCvss() {
        KevCatalog kev = KevCatalog.load(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"));
        VulnerabilityData data = withEpss("cve,epss,percentile\nCVE-2099-0001,0.50,0.9\nCVE-2099-0002,0.10,0.5\n"
                + "CVE-2099-0003,0.10,0.5\n");
        List<Finding> findings = new ArrayList<>(new FindingEnrichment(kev, data).apply(List.of(
                cveFinding("low-epss-high-cvss", "CVE-2099-0002", "9.8"),
                cveFinding("no-data", "CVE-2099-0009", null),
                cveFinding("low-epss-low-cvss", "CVE-2099-0003", "5.0"),
                cveFinding("kev", "CVE-2019-5544", "7.2"),
                cveFinding("high-epss", "CVE-2099-0001", "4.0"))));

        findings.sort(ExposureRanking.MOST_URGENT_FIRST);

        assertThat(findings).extracting(Finding::checkId).containsExactly("exposure.cve.kev",
                "exposure.cve.high-epss", "exposure.cve.low-epss-high-cvss", "exposure.cve.low-epss-low-cvss",
                "exposure.cve.no-data");
    }

    @Test
    void theScannerReportsEndOfSupportForEsxi65AndCitesItsSource() {
        ExposureScanner scanner = new ExposureScanner(AdvisoryDatabase.bundled(), KevCatalog.empty(),
                GuestOsLifecycle.bundled(), NOW);
        Host host = new Host("vsphere:vc:h1", "vc", "esx65", Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi",
                "6.5.0", "5969303", Map.of("vcenter", "6.5.0", "vcenter.build", "5973321"), List.of(), null, null,
                null, null, Map.of());

        List<Finding> findings = scanner.scan(List.of(host), List.of());

        assertThat(scanner.checkIds()).contains("exposure.end-of-support.esxi", "exposure.distribution.qemu");
        assertThat(findings).filteredOn(f -> f.checkId().startsWith("exposure.end-of-support."))
                .extracting(Finding::status).containsExactly(CheckStatus.FAIL, CheckStatus.FAIL);
        assertThat(findings).filteredOn(f -> f.checkId().startsWith(ExposureScanner.HYPERVISOR_CHECK))
                .allSatisfy(f -> assertThat(f.evidence()).containsKey("sourceRecord"));
        assertThat(findings).filteredOn(f -> f.checkId().equals("exposure.end-of-support.vcenter"))
                .allSatisfy(f -> assertThat(f.message()).contains("2023-11-15", "support.broadcom.com"));
    }

    @Test
    void freshnessWarnsAboutStaleFeedsButNotAboutLifecycleRows() {
        Instant now = NOW.instant();
        DataSetInfo fresh = new DataSetInfo("epss", "epss", "e.csv", "", 1, now.minus(Duration.ofDays(1)), now, 1, Map.of());
        DataSetInfo stale = new DataSetInfo("kev", "kev", "kev.json", "", 1, now.minus(Duration.ofDays(30)), now, 1,
                Map.of());
        DataSetInfo undated = new DataSetInfo("nvd", "nvd:x", "x.json", "", 1, null, now.minus(Duration.ofDays(8)), 1,
                Map.of());
        DataSetInfo lifecycle = new DataSetInfo("lifecycle", "lifecycle", "l.yaml", "", 1, null,
                now.minus(Duration.ofDays(400)), 1, Map.of());

        List<String> warnings = DataFreshness.warnings(List.of(fresh, stale, undated, lifecycle), Duration.ofDays(7), now);

        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("kev", "kev.json", "30 days old", "data of 2026-11-07", "older than 7 days");
        assertThat(warnings.get(1)).contains("nvd:x", "loaded 2026-11-29");
        assertThat(DataFreshness.warnings(List.of(), Duration.ofDays(7), now)).singleElement().asString()
                .contains("no vulnerability data loaded");
        assertThat(DataFreshness.warnings(List.of(fresh), Duration.ofDays(7), now)).isEmpty();
    }
}

package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.exposure.nvd.NvdDataSet;
import org.virtguard.exposure.nvd.NvdReader;
import org.virtguard.exposure.vmware.BuildTables;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;

/**
 * The issue's scenario at the scanner: the real NVD records and build tables under ../shared/corpora against
 * ESXi 6.5.0 build 5969303 managed by vCenter 6.5.0 build 5973321 (what vcsim reports), a build after the fixes
 * (from a table written for this test), and a build no table lists.
 */
class NvdExposureCorpusTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    static final List<String> ISSUE_CVES = List.of("CVE-2019-5544", "CVE-2020-3992", "CVE-2021-21974",
            "CVE-2021-21972", "CVE-2021-21985");

    private static NvdDataSet nvd;
    private static KevCatalog kev;
    private static List<Path> corpusTables;

    @BeforeAll
    static void load() {
        nvd = new NvdReader().readAll(List.of(TestEnvironment.requireCorpus("vulns/nvd")));
        kev = KevCatalog.load(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"));
        Path builds = TestEnvironment.requireCorpus("vmware/builds");
        corpusTables = List.of(builds.resolve("rpttest1-virten/esxiReleases.json"),
                builds.resolve("rpttest1-virten/vcenterReleases.json"),
                builds.resolve("gcoxmoz-vmware_puppetfact/esxi_build_numbers.json"));
        for (Path p : corpusTables) {
            TestEnvironment.require(Files.isRegularFile(p), "the build table " + p);
        }
    }

    static Host esxi(String name, String build, String vcenterBuild) {
        return new Host("vsphere:vc:" + name, "vc", name, Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi",
                "6.5.0", build, Map.of("esxi", "6.5.0", "esxi.build", build, "vcenter", "6.5.0",
                "vcenter.build", vcenterBuild), List.of(), null, null, null, null, Map.of());
    }

    private static ExposureScanner scanner(List<Path> tables) {
        return new ExposureScanner(AdvisoryDatabase.bundled(), kev, GuestOsLifecycle.bundled(), NOW)
                .withVulnerabilityData(nvd, BuildTables.load(tables), EpssLookup.NONE, DistributionFixes.NONE);
    }

    static Finding cve(List<Finding> findings, String cve) {
        return findings.stream().filter(f -> f.checkId().equals("exposure.hypervisor." + cve)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding for " + cve + " in " + findings.stream()
                        .map(Finding::checkId).toList()));
    }

    @Test
    void theCorpusIsReadWithoutLosingARecord() {
        assertThat(nvd.records().stream().map(r -> r.id()).toList()).hasSize(18);
        assertThat(nvd.skipped()).isZero();
        assertThat(nvd.records()).anyMatch(r -> r.id().equals("CVE-2015-3456") && r.analysed());
    }

    @Test
    void esxi65Update1AndVcenter65Update1AreAffectedByTheIssuesCves() {
        List<Finding> findings = scanner(corpusTables).scan(List.of(esxi("esx01", "5969303", "5973321")), List.of());
        for (String id : ISSUE_CVES) {
            Finding f = cve(findings, id);
            assertThat(f.status()).as(id + ": " + f.message()).isEqualTo(CheckStatus.FAIL);
            assertThat(f.evidence()).containsKeys("cvss", "source", "sourceDate", "vmsOnHost");
            assertThat(f.evidence().get("source")).contains(id + ".json");
        }
        assertThat(cve(findings, "CVE-2020-3992").evidence()).containsEntry("knownExploited", "yes")
                .containsEntry("kevDateAdded", "2021-11-03");
        assertThat(cve(findings, "CVE-2021-21985").evidence()).containsEntry("knownExploited", "yes");
        assertThat(cve(findings, "CVE-2021-21985").message()).contains("KNOWN EXPLOITED");
        assertThat(cve(findings, "CVE-2021-21974").message()).contains("6.5 before ESXi650-202102101-SG",
                "ESXi 6.5 Update 1");
        assertThat(cve(findings, "CVE-2021-21974").evidence()).containsEntry("fixedRelease",
                "patch bulletin ESXi650-202102101");
        assertThat(cve(findings, "CVE-2021-21972").message()).contains("6.5 before 6.5 U3n");
        // NVD's CPE list for CVE-2021-21972 skips vCenter 6.5 update1: only the description decides here
        assertThat(cve(findings, "CVE-2021-21972").evidence()).containsEntry("basis", "description");
        // CVE-2019-5544 names no fix in its description: the CPE qualifiers (bulletins up to 2019-11) decide
        assertThat(cve(findings, "CVE-2019-5544").evidence()).containsEntry("basis", "cpe");
        // lines NVD does not list for these records stay silent: ESXi 6.5 is not named by CVE-2024-37085
        assertThat(findings).noneMatch(f -> f.checkId().endsWith("CVE-2024-37085"));
    }

    @Test
    void buildsAfterTheFixesPassEveryIssueCve(@TempDir Path dir) throws IOException {
        List<Path> tables = new ArrayList<>(corpusTables);
        tables.addAll(org.virtguard.connector.tck.NewerBuildTables.write(dir));
        List<Finding> findings = scanner(tables).scan(List.of(esxi("esx02", "17477841", "17994927")), List.of());
        for (String id : ISSUE_CVES) {
            Finding f = cve(findings, id);
            assertThat(f.status()).as(id + ": " + f.message()).isEqualTo(CheckStatus.PASS);
        }
        assertThat(cve(findings, "CVE-2021-21974").message()).contains("ESXi650-202102101 is build 17477841");
    }

    @Test
    void aBuildNoTableKnowsIsNotCollectedWithTheRemedy() {
        List<Finding> findings = scanner(corpusTables).scan(List.of(esxi("esx03", "17477841", "17994927")),
                List.of());
        Finding esxi = cve(findings, "CVE-2019-5544");
        assertThat(esxi.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(esxi.message()).contains("build 17477841", "not in the build tables", "esxiReleases.json",
                "supply a newer build table");
        Finding vcenter = cve(findings, "CVE-2021-21985");
        assertThat(vcenter.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(vcenter.message()).contains("build 17994927", "vcenterReleases.json");
        assertThat(findings).noneMatch(f -> ISSUE_CVES.contains(String.valueOf(f.evidence().get("cve")))
                && f.status() == CheckStatus.PASS);
    }

    @Test
    void withoutAnyBuildTableNothingPasses() {
        List<Finding> findings = scanner(List.of()).scan(List.of(esxi("esx04", "5969303", "5973321")), List.of());
        for (String id : ISSUE_CVES) {
            assertThat(cve(findings, id).status()).as(id).isNotEqualTo(CheckStatus.PASS);
        }
        assertThat(cve(findings, "CVE-2019-5544").message()).contains("no esxi build table was given");
    }

    @Test
    void theVmCountAndCheckIdsAreReported() {
        ExposureScanner s = scanner(corpusTables);
        assertThat(s.checkIds()).contains("exposure.hypervisor.CVE-2021-21974", "exposure.hypervisor.CVE-2024-1441");
        assertThat(Optional.of(s.vulnerabilityData().newestDataDate())).get().isInstanceOf(LocalDate.class);
    }
}

package org.virtguard.exposure.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.exposure.ExposureDataException;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;
import org.virtguard.model.Severity;

class EndOfSupportCheckTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    private static Host esxi(String version, Map<String, String> components) {
        return new Host("vsphere:vc:h", "vc", "esx01", Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi", version,
                "5969303", components, List.of(), null, null, null, null, Map.of());
    }

    private static Host kvm(Map<String, String> components) {
        return new Host("libvirt:kvm1", "kvm1", "kvm1", Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", "7.2.0", "7.2.0",
                components, List.of(), null, null, null, null, Map.of());
    }

    private static Finding only(List<Finding> findings, String check) {
        return findings.stream().filter(f -> f.checkId().equals(EndOfSupportCheck.CHECK + check)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " finding in " + findings));
    }

    private static List<Finding> scan(Host host) {
        return new EndOfSupportCheck(ProductLifecycle.bundled(), NOW).scan(host);
    }

    @Test
    void esxiAndVcenter65ArePastEndOfSupportNamingTheDateAndSource() {
        List<Finding> findings = scan(esxi("6.5.0", Map.of("vcenter", "6.5.0", "vcenter.build", "5973321")));

        Finding host = only(findings, "esxi");
        assertThat(host.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(host.severity()).isEqualTo(Severity.HIGH);
        assertThat(host.message()).contains("VMware ESXi 6.5", "past its end of support on 2023-11-15",
                "general support ended 2022-10-15", "https://support.broadcom.com/web/ecx/productlifecycle");
        assertThat(host.evidence()).containsEntry("sourceRecord", "esxi 6.5").containsKey("dataDate");
        Finding vcenter = only(findings, "vcenter");
        assertThat(vcenter.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(vcenter.message()).contains("vCenter Server 6.5", "2023-11-15");
    }

    @Test
    void pastGeneralSupportButWithinTechnicalGuidanceSaysSo() {
        Finding f = only(scan(esxi("7.0.3", Map.of())), "esxi");

        assertThat(f.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.message()).contains("past its end of general support on 2025-10-02",
                "within technical guidance", "until 2027-04-02");
    }

    @Test
    void aSupportedReleasePassesAndAnUnknownOneIsNotCollected() {
        assertThat(only(scan(esxi("8.0.3", Map.of())), "esxi").status()).isEqualTo(CheckStatus.PASS);
        Finding unknown = only(scan(esxi("9.0.0", Map.of())), "esxi");
        assertThat(unknown.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(unknown.message()).contains("not in VirtGuard's lifecycle data");
        assertThat(only(scan(esxi(null, Map.of())), "esxi").status()).isEqualTo(CheckStatus.NOT_COLLECTED);
    }

    @Test
    void kvmHostsAreCheckedByTheirDistributionOrSayHowToCollectIt() {
        Finding missing = only(scan(kvm(Map.of("libvirt", "9.0.0"))), "host-os");
        assertThat(missing.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(missing.message()).contains("os.id", "os.version", "/etc/os-release");

        Finding bookworm = only(scan(kvm(Map.of("os.id", "debian", "os.version", "12"))), "host-os");
        assertThat(bookworm.status()).isEqualTo(CheckStatus.PASS);
        assertThat(bookworm.message()).contains("end of general support on 2026-06-10", "Debian LTS", "2028-06-30");

        Finding buster = only(scan(kvm(Map.of("os.id", "debian", "os.version", "10"))), "host-os");
        assertThat(buster.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(buster.message()).contains("2024-06-30", "https://wiki.debian.org/DebianReleases");

        Finding focal = only(scan(kvm(Map.of("os.id", "ubuntu", "os.version", "20.04"))), "host-os");
        assertThat(focal.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(focal.message()).contains("Ubuntu Pro");

        assertThat(only(scan(kvm(Map.of("os.id", "rhel", "os.version", "8.10"))), "host-os").status())
                .isEqualTo(CheckStatus.PASS);
        assertThat(only(scan(kvm(Map.of("os.id", "gentoo", "os.version", "2.17"))), "host-os").status())
                .isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(only(scan(kvm(Map.of("proxmox-ve", "7.4", "os.id", "debian", "os.version", "11"))), "proxmox-ve")
                .message()).contains("Proxmox VE 7.x", "2024-07");
    }

    @Test
    void monthPrecisionEndsOnTheMonthsLastDay() {
        SupportRelease pve = ProductLifecycle.bundled().find("proxmox-ve", "7.4").orElseThrow();
        assertThat(pve.supportLastDay()).hasToString("2024-07-31");
    }

    @Test
    void everyBundledRowCitesAnHttpsSourceAndARetrievalDate() {
        assertThat(ProductLifecycle.bundled().releases()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.source()).startsWith("https://");
            assertThat(r.retrieved()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
    }

    @Test
    void overridesReplaceRowsAndHostileFilesAreRejectedNamingTheRow() {
        String yaml = """
                releases:
                  - {product: esxi, line: "8.0", name: ESXi 8.0 (site contract), endOfGeneralSupport: "2030-01-01",
                     endOfSupport: "2031-01-01", generalSupportEndsFixes: true, afterGeneralSupport: none,
                     source: "https://intranet.example/contract", retrieved: "2026-12-01"}
                """;
        ProductLifecycle merged = ProductLifecycle.bundled().with(ProductLifecycle.read(yaml.getBytes(StandardCharsets.UTF_8),
                "site-lifecycle.yaml"), "site-lifecycle.yaml");
        assertThat(merged.find("esxi", "8.0.3").orElseThrow().endOfSupport()).isEqualTo("2031-01-01");
        assertThat(merged.find("esxi", "6.5.0").orElseThrow().endOfSupport()).isEqualTo("2023-11-15");

        assertThatThrownBy(() -> read("releases:\n  - {product: esxi, line: \"8.0\", name: x, endOfGeneralSupport: "
                + "\"2030-01-01\", endOfSupport: \"2031-01-01\", generalSupportEndsFixes: true, afterGeneralSupport: "
                + "none, source: \"http://insecure\", retrieved: \"2026-12-01\"}\n"))
                .isInstanceOf(ExposureDataException.class).hasMessageContaining("site.yaml: releases[0].source");
        assertThatThrownBy(() -> read("releases:\n  - {product: esxi, line: \"8.0\", name: x, endOfGeneralSupport: "
                + "\"2030-13-01\", endOfSupport: \"2031-01-01\", generalSupportEndsFixes: true, afterGeneralSupport: "
                + "none, source: \"https://x\", retrieved: \"2026-12-01\"}\n"))
                .hasMessageContaining("releases[0].endOfGeneralSupport");
        assertThatThrownBy(() -> read("releases:\n  - {product: windows, line: \"8\"}\n"))
                .hasMessageContaining("releases[0].product");
        assertThatThrownBy(() -> read("releases: [unclosed")).hasMessageContaining("site.yaml");
        assertThatThrownBy(() -> read("releases:\n  - {product: esxi, unknownField: 1}\n"))
                .hasMessageContaining("site.yaml");
    }

    private static List<SupportRelease> read(String yaml) {
        return ProductLifecycle.read(yaml.getBytes(StandardCharsets.UTF_8), "site.yaml");
    }
}

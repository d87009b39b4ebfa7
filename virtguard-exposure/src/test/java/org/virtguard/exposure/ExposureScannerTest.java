package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Collected;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;
import org.virtguard.model.Setting;
import org.virtguard.model.Severity;
import org.virtguard.model.VirtualMachine;

class ExposureScannerTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static KevCatalog kev;

    @BeforeAll
    static void loadKev() {
        kev = KevCatalog.load(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"));
    }

    private static ExposureScanner scanner() {
        return new ExposureScanner(AdvisoryDatabase.bundled(), kev, GuestOsLifecycle.bundled(), NOW);
    }

    private static Host esxi(String name, String version, String build) {
        return new Host("vsphere:vc:" + name, "vc", name, Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi",
                version, build, Map.of(), List.of(), null, null, null, null, Map.of());
    }

    private static Host kvm(String name, String qemu) {
        return new Host("libvirt:" + name, name, name, Platform.LIBVIRT, HypervisorKind.QEMU, "QEMU", qemu, qemu,
                qemu == null ? Map.of("libvirt", "9.0.0") : Map.of("libvirt", "9.0.0", "qemu", qemu), List.of(), null,
                null, null, null, Map.of());
    }

    private static Finding only(List<Finding> findings, String checkId, String hostName) {
        return findings.stream().filter(f -> f.checkId().equals(checkId) && f.resource().name().equals(hostName))
                .findFirst().orElseThrow(() -> new AssertionError("no " + checkId + " finding for " + hostName));
    }

    @Test
    void anAffectedEsxiBuildGetsAFindingNamingTheCveKevAndFixedBuild() {
        List<Finding> findings = scanner().scan(List.of(esxi("esx01", "8.0.3", "24414501")), List.of());
        Finding f = only(findings, "exposure.hypervisor.VMSA-2025-0004", "esx01");
        assertThat(f.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).contains("CVE-2025-22224", "KNOWN EXPLOITED", "added 2025-03-04", "24585383",
                "ESXi 8.0 Update 3d");
        assertThat(f.evidence()).containsEntry("fixedBuild", "24585383").containsEntry("build", "24414501");
        assertThat(f.frameworks()).contains("CISA-KEV:CVE-2025-22224", "STIG:ESXI-80-000221");
    }

    @Test
    void aPatchedBuildGetsNone() {
        List<Finding> findings = scanner().scan(List.of(esxi("esx02", "8.0.3", "24585383")), List.of());
        assertThat(only(findings, "exposure.hypervisor.VMSA-2025-0004", "esx02").status()).isEqualTo(CheckStatus.PASS);
        assertThat(only(findings, "exposure.hypervisor.VMSA-2024-0013", "esx02").status()).isEqualTo(CheckStatus.PASS);
        assertThat(findings).noneMatch(f -> f.status() == CheckStatus.FAIL);
    }

    @Test
    void releaseLinesPickTheirOwnFixedBuild() {
        List<Finding> findings = scanner().scan(List.of(esxi("u2", "8.0.2", "24585300"), esxi("old7", "7.0.3",
                "23794027"), esxi("ga8", "8.0.0", "20513097")), List.of());
        assertThat(only(findings, "exposure.hypervisor.VMSA-2025-0004", "u2").status()).isEqualTo(CheckStatus.PASS);
        Finding seven = only(findings, "exposure.hypervisor.VMSA-2025-0004", "old7");
        assertThat(seven.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(seven.evidence()).containsEntry("fixedBuild", "24585291");
        Finding noFix = only(findings, "exposure.hypervisor.VMSA-2024-0013", "old7");
        assertThat(noFix.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(noFix.message()).contains("no fix", "workaround");
        assertThat(only(findings, "exposure.hypervisor.VMSA-2025-0004", "ga8").evidence())
                .containsEntry("fixedBuild", "24585383");
    }

    @Test
    void anUnknownBuildIsNotCollectedNeverPass() {
        List<Finding> findings = scanner().scan(List.of(esxi("esx03", "8.0.3", null), esxi("esx04", null, null)),
                List.of());
        assertThat(only(findings, "exposure.hypervisor.VMSA-2025-0004", "esx03").status())
                .isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(only(findings, "exposure.hypervisor.VMSA-2025-0004", "esx04").status())
                .isEqualTo(CheckStatus.NOT_COLLECTED);
    }

    @Test
    void qemuHostsAreMatchedByVersion() {
        List<Finding> findings = scanner().scan(List.of(kvm("old-kvm", "2.1.2"), kvm("kvm-a", "7.2.0"),
                kvm("kvm-unknown", null)), List.of());
        Finding venom = only(findings, "exposure.hypervisor.VENOM", "old-kvm");
        assertThat(venom.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(venom.message()).contains("CVE-2015-3456", "VM escape").doesNotContain("KNOWN EXPLOITED");
        assertThat(only(findings, "exposure.hypervisor.VENOM", "kvm-a").status()).isEqualTo(CheckStatus.PASS);
        assertThat(only(findings, "exposure.hypervisor.VENOM", "kvm-unknown").status())
                .isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(findings).noneMatch(f -> f.checkId().contains("VMSA") && f.resource().name().startsWith("kvm"));
    }

    @Test
    void guestsPastEndOfSupportAreFlagged() {
        VirtualMachine centos7 = VirtualMachine.builder("vm-1", "legacy-app")
                .guestOs(Collected.of("http://centos.org/centos/7.0")).build();
        VirtualMachine ubuntu = VirtualMachine.builder("vm-2", "web01")
                .guestOs(Collected.of("http://ubuntu.com/ubuntu/22.04")).build();
        VirtualMachine win2012 = VirtualMachine.builder("vm-3", "ad01").guestOs(Collected.of("windows8Server64Guest"))
                .build();
        VirtualMachine unknown = VirtualMachine.builder("vm-4", "mystery").build();
        VirtualMachine exotic = VirtualMachine.builder("vm-5", "plan9").guestOs(Collected.of("http://plan9/4")).build();
        List<Finding> findings = scanner().scan(List.of(), List.of(centos7, ubuntu, win2012, unknown, exotic));
        assertThat(only(findings, ExposureScanner.GUEST_EOL_CHECK, "legacy-app").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(only(findings, ExposureScanner.GUEST_EOL_CHECK, "legacy-app").message()).contains("2024-06-30");
        assertThat(only(findings, ExposureScanner.GUEST_EOL_CHECK, "web01").status()).isEqualTo(CheckStatus.PASS);
        assertThat(only(findings, ExposureScanner.GUEST_EOL_CHECK, "ad01").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(only(findings, ExposureScanner.GUEST_EOL_CHECK, "mystery").status())
                .isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(only(findings, ExposureScanner.GUEST_EOL_CHECK, "plan9").status())
                .isEqualTo(CheckStatus.NOT_COLLECTED);
    }

    @Test
    void outdatedVmwareToolsAreFlaggedOnlyWhereToolsAreReported() {
        VirtualMachine old = VirtualMachine.builder("vm-6", "app01").setting(Setting.ofString("tools.status", "toolsOld"))
                .build();
        VirtualMachine ok = VirtualMachine.builder("vm-7", "app02").setting(Setting.ofString("tools.status", "toolsOk"))
                .build();
        VirtualMachine libvirt = VirtualMachine.builder("vm-8", "kvm-guest").build();
        List<Finding> findings = scanner().scan(List.of(), List.of(old, ok, libvirt));
        assertThat(only(findings, ExposureScanner.TOOLS_CHECK, "app01").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(only(findings, ExposureScanner.TOOLS_CHECK, "app02").status()).isEqualTo(CheckStatus.PASS);
        assertThat(findings).noneMatch(f -> f.checkId().equals(ExposureScanner.TOOLS_CHECK)
                && f.resource().name().equals("kvm-guest"));
    }
}

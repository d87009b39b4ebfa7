package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.virtguard.exposure.data.DataFile;
import org.virtguard.exposure.data.DataSetInfo;
import org.virtguard.exposure.data.OsvDataKind;
import org.virtguard.exposure.data.ParsedDataSet;
import org.virtguard.exposure.osv.OsvIndex;
import org.virtguard.exposure.osv.OsvTestRecords;
import org.virtguard.model.CheckStatus;
import org.virtguard.model.Finding;
import org.virtguard.model.Host;
import org.virtguard.model.HypervisorKind;
import org.virtguard.model.Platform;

class DistributionCheckTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    static VulnerabilityData osv(String... records) {
        ParsedDataSet parsed = new OsvDataKind().parse(DataFile.ofBytes("osv-debian.json",
                ("[" + String.join(",", records) + "]").getBytes(StandardCharsets.UTF_8)));
        DataSetInfo info = new DataSetInfo("osv", parsed.key(), "osv-debian.json", "00", 1, parsed.dataDate(),
                NOW.instant(), parsed.records(), parsed.skipped());
        return VulnerabilityData.of(List.of(new VulnerabilityData.Loaded(info, parsed.value())));
    }

    private static final String QEMU_RECORD = OsvTestRecords.debian("DEBIAN-CVE-2024-3446", "CVE-2024-3446", "Debian:12",
            "qemu", "0", "1:7.2+dfsg-7+deb12u6");
    private static final String LIBVIRT_RECORD = OsvTestRecords.debian("DEBIAN-CVE-2024-1441", "CVE-2024-1441",
            "Debian:12", "libvirt", "0", "9.0.0-4+deb12u2");

    private static Host kvm(Map<String, String> components) {
        return new Host("libvirt:kvm1", "kvm1", "kvm1", Platform.LIBVIRT, HypervisorKind.KVM, "QEMU", "7.2.0", "7.2.0",
                components, List.of(), null, null, null, null, Map.of());
    }

    private static Finding finding(VulnerabilityData data, Host host, String pkg) {
        return new DistributionCheck(data, NOW).scan(host).stream()
                .filter(f -> f.checkId().equals(DistributionCheck.CHECK + pkg)).findFirst().orElseThrow();
    }

    @Test
    void aBackportedFixPassesAndNamesTheRecordThatDecided() {
        Host host = kvm(Map.of("qemu", "7.2.0", "os.id", "debian", "os.version", "12",
                "package.qemu-system-x86", "1:7.2+dfsg-7+deb12u6", "package.libvirt-daemon", "9.0.0-4+deb12u1"));
        VulnerabilityData data = osv(QEMU_RECORD, LIBVIRT_RECORD);

        Finding qemu = finding(data, host, "qemu");
        assertThat(qemu.status()).isEqualTo(CheckStatus.PASS);
        assertThat(qemu.message()).contains("fixed by the distribution's backports (DEBIAN-CVE-2024-3446)",
                "OSV records", "2026-12-01");
        assertThat(qemu.evidence()).containsEntry("sourceRecords", "DEBIAN-CVE-2024-3446")
                .containsEntry("dataDate", "2026-12-01");

        Finding libvirt = finding(data, host, "libvirt");
        assertThat(libvirt.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(libvirt.message()).contains("DEBIAN-CVE-2024-1441", "install 9.0.0-4+deb12u2 or later");
        assertThat(libvirt.evidence()).containsEntry("cves", "CVE-2024-1441");

        assertThat(new DistributionCheck(data, NOW).decide(host, "libvirt", "CVE-2024-1441")
                .map(OsvIndex.Verdict::decision)).contains(OsvIndex.Decision.AFFECTED);
        assertThat(new DistributionCheck(data, NOW).decide(host, "qemu", "CVE-2024-3446")
                .map(OsvIndex.Verdict::decision)).contains(OsvIndex.Decision.FIXED);
    }

    @Test
    void withoutPackageVersionsItIsNotCollectedAndSaysHowToCollect() {
        Finding f = finding(osv(QEMU_RECORD), kvm(Map.of("qemu", "7.2.0", "libvirt", "9.0.0")), "qemu");

        assertThat(f.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(f.message()).contains("cannot be decided", "package.qemu-system-x86", "dpkg-query -W",
                "exposure update --from DIR");
    }

    @Test
    void withoutDataForTheReleaseOrForAnRpmDistributionItIsNotCollected() {
        Host bullseye = kvm(Map.of("os.id", "debian", "os.version", "11", "package.qemu-system-x86", "1:5.2+dfsg-11"));
        Finding noData = finding(osv(QEMU_RECORD), bullseye, "qemu");
        assertThat(noData.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(noData.message()).contains("no distribution security data for debian 11");

        Host rhel = kvm(Map.of("os.id", "rhel", "os.version", "9.4", "package.qemu-kvm", "17:8.2.0-11.el9_4"));
        Finding rpm = finding(osv(QEMU_RECORD), rhel, "qemu");
        assertThat(rpm.status()).isEqualTo(CheckStatus.NOT_COLLECTED);
        assertThat(rpm.message()).contains("Debian and Ubuntu package versions only");

        Host garbage = kvm(Map.of("os.id", "debian", "os.version", "12", "package.qemu-system-x86", "$(reboot)"));
        assertThat(finding(osv(QEMU_RECORD), garbage, "qemu").status()).isEqualTo(CheckStatus.NOT_COLLECTED);
    }

    @Test
    void esxiHostsGetNoDistributionFindings() {
        Host esxi = new Host("vsphere:vc:h", "vc", "esx01", Platform.VSPHERE, HypervisorKind.ESXI, "VMware ESXi",
                "8.0.3", "1", Map.of(), List.of(), null, null, null, null, Map.of());
        assertThat(new DistributionCheck(osv(QEMU_RECORD), NOW).scan(esxi)).isEmpty();
    }
}

package org.virtguard.exposure.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class OsvIndexTest {

    private static OsvIndex index(String... records) {
        String json = "[" + String.join(",", records) + "]";
        OsvReader.Result result = OsvReader.read(json.getBytes(StandardCharsets.UTF_8), "test.json");
        assertThat(result.skipped()).isEmpty();
        return new OsvIndex(result.records());
    }

    @Test
    void aBackportedFixIsFixedAndAnOlderPackageAffected() {
        OsvIndex index = index(OsvTestRecords.debian("DEBIAN-CVE-2024-3446", "CVE-2024-3446", "Debian:12", "qemu",
                "0", "1:7.2+dfsg-7+deb12u6"));

        OsvIndex.Verdict fixed = index.evaluate("debian", "12", "qemu", DebianVersion.parse("1:7.2+dfsg-7+deb12u6"))
                .get(0);
        OsvIndex.Verdict affected = index.evaluate("debian", "12", "qemu", DebianVersion.parse("1:7.2+dfsg-7+deb12u5"))
                .get(0);

        assertThat(fixed.decision()).isEqualTo(OsvIndex.Decision.FIXED);
        assertThat(fixed.fixed()).isEqualTo("1:7.2+dfsg-7+deb12u6");
        assertThat(affected.decision()).isEqualTo(OsvIndex.Decision.AFFECTED);
        assertThat(affected.record().cves()).containsExactly("CVE-2024-3446");
    }

    @Test
    void rangesWithSeveralIntroducedAndFixedEventsAndLastAffected() {
        String json = """
                {"id": "OSV-TEST-1", "modified": "2026-12-01T00:00:00Z", "affected": [
                  {"package": {"ecosystem": "Debian:12", "name": "libvirt"}, "ranges": [
                    {"type": "ECOSYSTEM", "events": [{"introduced": "8.0.0-1"}, {"fixed": "9.0.0-4+deb12u1"},
                                                     {"introduced": "10.0.0-1"}, {"last_affected": "10.0.0-2"}]}]}]}
                """;
        OsvIndex index = index(json);

        assertThat(decision(index, "7.0.0-1")).isEqualTo(OsvIndex.Decision.NOT_AFFECTED);
        assertThat(decision(index, "9.0.0-4")).isEqualTo(OsvIndex.Decision.AFFECTED);
        assertThat(decision(index, "9.0.0-4+deb12u1")).isEqualTo(OsvIndex.Decision.FIXED);
        assertThat(decision(index, "10.0.0-2")).isEqualTo(OsvIndex.Decision.AFFECTED);
        assertThat(decision(index, "10.0.0-3")).isEqualTo(OsvIndex.Decision.FIXED);
    }

    @Test
    void onlyTheHostsReleaseCountsAndUbuntuEcosystemsCarryASuffix() {
        OsvIndex index = index(
                OsvTestRecords.debian("DSA-1", "CVE-2024-0001", "Debian:11", "qemu", "0", "1:5.2+dfsg-11+deb11u4"),
                OsvTestRecords.debian("USN-1", "CVE-2024-0002", "Ubuntu:22.04:LTS", "qemu", "0", "1:6.2+dfsg-2ubuntu6.20"));

        assertThat(index.evaluate("debian", "12", "qemu", DebianVersion.parse("1:7.2+dfsg-7"))).isEmpty();
        assertThat(index.covers("debian", "12")).isFalse();
        assertThat(index.covers("debian", "11")).isTrue();
        assertThat(index.evaluate("ubuntu", "22.04", "qemu", DebianVersion.parse("1:6.2+dfsg-2ubuntu6.19")))
                .extracting(OsvIndex.Verdict::decision).containsExactly(OsvIndex.Decision.AFFECTED);
        assertThat(OsvIndex.decidable("rhel")).isFalse();
    }

    @Test
    void aRangeWithAnUnreadableVersionIsUndecidedNeverFixed() {
        OsvIndex index = index(OsvTestRecords.debian("DSA-2", "CVE-2024-0003", "Debian:12", "qemu", "0", "not a version"));

        assertThat(decision(index, "1:7.2+dfsg-7")).isEqualTo(OsvIndex.Decision.UNDECIDED);
    }

    private static OsvIndex.Decision decision(OsvIndex index, String installed) {
        List<OsvIndex.Verdict> verdicts = index.evaluate("debian", "12",
                index.evaluate("debian", "12", "libvirt", DebianVersion.parse(installed)).isEmpty() ? "qemu" : "libvirt",
                DebianVersion.parse(installed));
        return verdicts.get(0).decision();
    }
}

package org.virtguard.cli.exposure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.cli.CliRun;
import org.virtguard.cli.LabCopy;
import org.virtguard.connector.tck.TestEnvironment;

/**
 * The real KVM host ({@code VIRTGUARD_TEST_QEMU_URI}: QEMU 7.2, libvirt 9.0 on Debian 12) against the NVD records
 * under ../shared/corpora. What they honestly give: CVE-2024-1441 (libvirt) has no CPE data yet, so it is
 * NOT_COLLECTED; VENOM (QEMU &le; 2.3.0) and CVE-2019-14378 (libslirp, not QEMU's CPE) do not apply. A record written
 * here whose upstream range covers the running QEMU shows the distribution case: NOT_COLLECTED, because Debian
 * backports fixes into old version numbers and no distribution data was given.
 */
class QemuNvdExposureTest {

    @TempDir
    Path temp;

    @Test
    void realKvmHostGetsNvdFindingsAndDistributionBackportsStayUndecided() throws Exception {
        LabCopy.requireLibvirt();
        String uri = System.getenv("VIRTGUARD_TEST_QEMU_URI");
        TestEnvironment.require(uri != null && !uri.isBlank(), "a real libvirtd with QEMU (VIRTGUARD_TEST_QEMU_URI)");
        Path nvd = TestEnvironment.requireCorpus("vulns/nvd");
        Path upstream = temp.resolve("upstream-range.json");
        Files.writeString(upstream, """
                {"id": "CVE-2099-0001", "published": "2099-01-01T00:00:00.000", "lastModified": "2099-01-02T00:00:00.000",
                 "vulnStatus": "Analyzed", "descriptions": [{"lang": "en", "value": "Test record written by VirtGuard's test suite: QEMU before 99.0."}],
                 "metrics": {"cvssMetricV31": [{"source": "test", "type": "Primary", "cvssData": {"version": "3.1",
                   "baseScore": 8.2, "baseSeverity": "HIGH", "vectorString": "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H"}}]},
                 "configurations": [{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": [
                   {"vulnerable": true, "criteria": "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*", "versionEndExcluding": "99.0.0"}]}]}]}
                """);
        String data = temp.resolve("data").toString();
        CliRun.runExpecting(0, "--data-dir", data, "inventory", "sync", "--source", uri);
        String json = CliRun.runExpecting(0, "--data-dir", data, "exposure", "--nvd", nvd.toString(), "--nvd",
                upstream.toString(), "--all", "--format", "json")[0];
        Map<String, JsonNode> byCve = new TreeMap<>();
        for (JsonNode f : new ObjectMapper().readTree(json)) {
            if (f.path("evidence").has("cve")) {
                byCve.put(f.path("evidence").path("cve").asText(), f);
            }
        }
        assertThat(byCve).containsKeys("CVE-2024-1441", "CVE-2099-0001")
                .doesNotContainKeys("CVE-2015-3456", "CVE-2019-14378");
        JsonNode libvirt = byCve.get("CVE-2024-1441");
        assertThat(libvirt.path("status").asText()).isEqualTo("NOT_COLLECTED");
        assertThat(libvirt.path("message").asText()).contains("has not analysed", "libvirt");
        JsonNode qemu = byCve.get("CVE-2099-0001");
        assertThat(qemu.path("status").asText()).isEqualTo("NOT_COLLECTED");
        assertThat(qemu.path("message").asText()).contains("upstream QEMU", "backport", "distribution");
        assertThat(qemu.path("evidence").path("version").asText()).matches("\\d+\\.\\d+.*");
        assertThat(List.of("FAIL", "PASS")).doesNotContain(qemu.path("status").asText());
    }
}

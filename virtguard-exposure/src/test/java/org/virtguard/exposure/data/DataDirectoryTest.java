package org.virtguard.exposure.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;
import org.virtguard.exposure.KevCatalog;
import org.virtguard.exposure.epss.EpssScores;
import org.virtguard.exposure.osv.OsvTestRecords;

class DataDirectoryTest {

    @TempDir
    Path dir;

    static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    static final String EPSS = "#model_version:v2025.03.14,score_date:2026-12-06T00:00:00+0000\n"
            + "cve,epss,percentile\nCVE-2021-21974,0.94,0.999\nCVE-2019-5544,0.71,0.98\nbad,1,1\n";

    private static DataDirectory.Outcome outcome(List<DataDirectory.Outcome> outcomes, String file) {
        return outcomes.stream().filter(o -> o.file().equals(file)).findFirst().orElseThrow();
    }

    @Test
    void everyKindIsRecognisedCountedAndDated() throws IOException {
        Files.copy(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"),
                dir.resolve("known_exploited_vulnerabilities.json"));
        Files.copy(TestEnvironment.requireCorpus("vulns/nvd/CVE-2021-21974.json"), dir.resolve("CVE-2021-21974.json"));
        gzip(dir.resolve("epss_scores-2026-12-06.csv.gz"), EPSS.getBytes(StandardCharsets.UTF_8));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("all.zip")))) {
            zip.putNextEntry(new ZipEntry("DSA-1.json"));
            zip.write(OsvTestRecords.debian("DSA-1", "CVE-2024-0001", "Debian:12", "qemu", "0", "1:7.2+dfsg-7+deb12u1")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String feed = "{\"resultsPerPage\": 2, \"format\": \"NVD_CVE\", \"version\": \"2.0\", "
                + "\"timestamp\": \"2026-12-05T03:00:00.000\", \"vulnerabilities\": ["
                + "{\"cve\": {\"id\": \"CVE-2021-21972\", \"lastModified\": \"2025-01-01T00:00:00.000\"}},"
                + "{\"cve\": {\"id\": \"not-a-cve\"}}, {\"cve\": {\"id\": \"CVE-2021-21985\"}}]}";
        gzip(dir.resolve("nvdcve-2.0-2021.json.gz"), feed.getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("notes.txt"), "hello");

        List<DataDirectory.Outcome> outcomes = DataDirectory.read(dir, DataKinds.standard());

        DataDirectory.Outcome kev = outcome(outcomes, "known_exploited_vulnerabilities.json");
        assertThat(kev.accepted().kind()).isEqualTo("kev");
        assertThat(kev.accepted().dataDate()).isEqualTo(Instant.parse("2025-08-25T17:04:19.9796Z"));
        assertThat(kev.accepted().records()).isEqualTo(((KevCatalog) kev.accepted().value()).size()).isGreaterThan(1000);
        assertThat(kev.sha256()).hasSize(64);
        DataDirectory.Outcome epss = outcome(outcomes, "epss_scores-2026-12-06.csv.gz");
        assertThat(epss.accepted().key()).isEqualTo("epss");
        assertThat(epss.accepted().records()).isEqualTo(2);
        assertThat(epss.accepted().skipped()).containsEntry("not a CVE id", 1);
        assertThat(((EpssScores) new EpssDataKind().parse(DataFile.ofBytes("epss.stored", epss.accepted().payload()))
                .value()).find("CVE-2021-21974")).isPresent();
        DataDirectory.Outcome osv = outcome(outcomes, "all.zip");
        assertThat(osv.accepted().key()).isEqualTo("osv:Debian");
        assertThat(osv.accepted().dataDate()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        DataDirectory.Outcome nvd = outcome(outcomes, "nvdcve-2.0-2021.json.gz");
        assertThat(nvd.accepted().key()).isEqualTo("nvd:nvdcve-2.0-2021");
        assertThat(nvd.accepted().records()).isEqualTo(2);
        assertThat(nvd.accepted().skipped()).containsEntry("record without a CVE id", 1);
        assertThat(nvd.accepted().dataDate()).isEqualTo(Instant.parse("2026-12-05T03:00:00Z"));
        assertThat(outcome(outcomes, "CVE-2021-21974.json").accepted().key()).isEqualTo("nvd:cve-2021-21974");
        assertThat(outcome(outcomes, "notes.txt").ignored()).contains("not a vulnerability data file");
    }

    @Test
    void hostileFilesAreRejectedNamingTheFileAndTheOthersStillLoad() throws IOException {
        Files.writeString(dir.resolve("epss.csv"), EPSS);
        String truncated = Files.readString(TestEnvironment.requireCorpus("vulns/nvd/CVE-2020-3992.json"));
        Files.writeString(dir.resolve("CVE-2020-3992.json"), truncated.substring(0, truncated.length() / 2));
        Files.writeString(dir.resolve("known_exploited_vulnerabilities.json"), "{\"vulnerabilities\": {\"oops\": 1}}");
        Files.writeString(dir.resolve("nvdcve-2.0-huge.json"), "{\"vulnerabilities\": [{\"cve\": {\"id\": "
                + "\"CVE-2021-0001\", \"descriptions\": [" + "{\"value\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},".repeat(
                (int) (NvdDataKind.MAX_RECORD_BYTES / 34) + 10) + "{}]}}]}");
        byte[] bomb = new byte[64 * 1024 * 1024];
        gzip(dir.resolve("epss-bomb.csv.gz"), concat("cve,epss,percentile\n".getBytes(StandardCharsets.UTF_8), bomb));
        Files.write(dir.resolve("corrupt.csv.gz"), new byte[]{0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Files.writeString(dir.resolve("CVE-2024-9999.json"), "{\"id\": \"CVE-2024-9999\\u0000\", \"configurations\": "
                + "[{\"nodes\": [{\"cpeMatch\": [{\"criteria\": \"cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:\\\\*\"}]}]}]}");
        Files.writeString(dir.resolve("site-lifecycle.yaml"), "releases: []\n");

        List<DataDirectory.Outcome> outcomes = DataDirectory.read(dir, DataKinds.standard());

        assertThat(outcome(outcomes, "epss.csv").accepted()).isNotNull();
        assertThat(outcome(outcomes, "CVE-2020-3992.json").error()).startsWith("CVE-2020-3992.json: ");
        assertThat(outcome(outcomes, "known_exploited_vulnerabilities.json").error())
                .contains("known_exploited_vulnerabilities.json", "'vulnerabilities'");
        assertThat(outcome(outcomes, "nvdcve-2.0-huge.json").error())
                .contains("nvdcve-2.0-huge.json", "larger than the " + NvdDataKind.MAX_RECORD_BYTES);
        assertThat(outcome(outcomes, "epss-bomb.csv.gz").error()).contains("epss-bomb.csv.gz");
        assertThat(outcome(outcomes, "corrupt.csv.gz").error()).contains("corrupt.csv.gz");
        assertThat(outcome(outcomes, "CVE-2024-9999.json").error()).contains("CVE-2024-9999.json", "no CVE id");
        assertThat(outcome(outcomes, "site-lifecycle.yaml").error()).contains("site-lifecycle.yaml", "no lifecycle");
    }

    @Test
    void twoFilesForOneDataSetAreBothRejected() throws IOException {
        Files.writeString(dir.resolve("epss-a.csv"), EPSS);
        Files.writeString(dir.resolve("epss-b.csv"), EPSS);

        List<DataDirectory.Outcome> outcomes = DataDirectory.read(dir, DataKinds.standard());

        assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).contains("more than one file"));
    }

    @Test
    void aKindPlugsInByName() {
        DataKind custom = new DataKind() {
            @Override
            public String name() {
                return "nvd";
            }

            @Override
            public boolean detects(DataFile file, byte[] head) {
                return false;
            }

            @Override
            public ParsedDataSet parse(DataFile file) {
                return new ParsedDataSet("nvd", "nvd:x", null, 1, Map.of(), new byte[0], null);
            }
        };
        DataKinds kinds = DataKinds.standard().with(custom);
        assertThat(kinds.named("nvd")).containsSame(custom);
        assertThat(kinds.kinds()).hasSize(DataKinds.standard().kinds().size());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

package org.virtguard.exposure.nvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.exposure.ExposureDataException;

/** Hostile NVD files: each is rejected or skipped with the file (and record and field) named, and nothing else is lost. */
class NvdReaderHostileTest {

    @TempDir
    Path dir;

    static String record(String id, String criteria) {
        return """
                {"id": "%s", "published": "2024-01-02T10:00:00.000", "lastModified": "2024-02-03T10:00:00.000",
                 "vulnStatus": "Analyzed",
                 "descriptions": [{"lang": "en", "value": "test record"}],
                 "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "type": "Primary",
                   "cvssData": {"version": "3.1", "baseScore": 7.5, "baseSeverity": "HIGH", "vectorString": "CVSS:3.1/AV:N"}}]},
                 "weaknesses": [{"description": [{"lang": "en", "value": "CWE-787"}]}],
                 "configurations": [{"nodes": [{"operator": "OR", "negate": false, "cpeMatch": [
                   {"vulnerable": true, "criteria": "%s", "versionEndExcluding": "8.0.0"}]}]}],
                 "references": [{"url": "https://example.org/a"}]}
                """.formatted(id, criteria);
    }

    static String feed(String... records) {
        StringBuilder s = new StringBuilder("{\"format\": \"NVD_CVE\", \"version\": \"2.0\", "
                + "\"timestamp\": \"2026-12-01T00:00:00.000\", \"vulnerabilities\": [");
        for (int i = 0; i < records.length; i++) {
            s.append(i == 0 ? "" : ",").append("{\"cve\": ").append(records[i]).append('}');
        }
        return s.append("]}").toString();
    }

    @Test
    void aFeedIsReadWithItsFieldsAndDate() throws IOException {
        Path f = dir.resolve("nvdcve-2.0-2024.json");
        Files.writeString(f, feed(record("CVE-2024-0001", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"),
                record("CVE-2024-0002", "cpe:2.3:a:redhat:libvirt:*:*:*:*:*:*:*:*")));
        NvdDataSet set = new NvdReader().read(f);
        assertThat(set.records()).extracting(CveRecord::id).containsExactly("CVE-2024-0001", "CVE-2024-0002");
        CveRecord r = set.records().get(0);
        assertThat(r.cvss().baseScore()).isEqualTo(7.5);
        assertThat(r.cvss().severity()).isEqualTo("HIGH");
        assertThat(r.cwes()).containsExactly("CWE-787");
        assertThat(r.references()).containsExactly("https://example.org/a");
        assertThat(r.published()).hasToString("2024-01-02");
        assertThat(r.configurations().get(0).nodes().get(0).matches().get(0).versionEndExcluding()).isEqualTo("8.0.0");
        assertThat(set.files().get(0).dataDate()).hasToString("2026-12-01");
    }

    @Test
    void gzipFeedsAreRead() throws IOException {
        Path f = dir.resolve("nvdcve-2.0-2024.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(feed(record("CVE-2024-0003", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*")).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(new NvdReader().read(f).records()).extracting(CveRecord::id).containsExactly("CVE-2024-0003");
    }

    @Test
    void aTruncatedFileIsRejectedNamingTheFileAndTheLastRecordRead() throws IOException {
        Path f = dir.resolve("truncated.json");
        String whole = feed(record("CVE-2024-0001", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"),
                record("CVE-2024-0002", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"));
        Files.writeString(f, whole.substring(0, whole.length() - 200));
        assertThatThrownBy(() -> new NvdReader().read(f)).isInstanceOf(ExposureDataException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("CVE-2024-0001");
    }

    @Test
    void aBadFileInADirectoryDoesNotLoseTheOthers() throws IOException {
        Files.writeString(dir.resolve("a-good.json"), record("CVE-2024-0001", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"));
        Files.writeString(dir.resolve("b-truncated.json"), "{\"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-20");
        Files.writeString(dir.resolve("c-wrong.json"), "{\"products\": []}");
        NvdDataSet set = new NvdReader().readAll(List.of(dir));
        assertThat(set.records()).extracting(CveRecord::id).containsExactly("CVE-2024-0001");
        assertThat(set.problems()).anyMatch(p -> p.contains("b-truncated.json") && p.contains("invalid JSON"))
                .anyMatch(p -> p.contains("c-wrong.json") && p.contains("no NVD data"));
    }

    @Test
    void wrongSchemaRecordsAreSkippedNamingTheRecordAndField() throws IOException {
        Path f = dir.resolve("mixed.json");
        String badType = record("CVE-2024-0002", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*")
                .replace("\"configurations\": [", "\"configurations\": {\"x\": [").replace("]}]}],\n \"references\"",
                        "]}]}]},\n \"references\"");
        String badCpe = record("CVE-2024-0003", "cpe:2.3:a:qemu");
        String badId = record("NOT-AN-ID", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*");
        Files.writeString(f, feed(record("CVE-2024-0001", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"), badType, badCpe,
                badId, record("CVE-2024-0005", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*")));
        NvdDataSet set = new NvdReader().read(f);
        assertThat(set.records()).extracting(CveRecord::id).containsExactly("CVE-2024-0001", "CVE-2024-0005");
        assertThat(set.skipped()).isEqualTo(3);
        assertThat(set.problems()).anyMatch(p -> p.contains("mixed.json") && p.contains("CVE-2024-0002")
                && p.contains("configurations must be an array"));
        assertThat(set.problems()).anyMatch(p -> p.contains("CVE-2024-0003")
                && p.contains("configurations[0].nodes[0].cpeMatch[0].criteria"));
        assertThat(set.problems()).anyMatch(p -> p.contains("record #4") && p.contains("id is not a CVE id"));
    }

    @Test
    void aHundredMegabyteRecordIsSkippedAndTheNextStillRead() throws IOException {
        Path f = dir.resolve("huge.json");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("{\"vulnerabilities\": [{\"cve\": ");
            w.write(record("CVE-2024-0001", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"));
            w.write("}, {\"cve\": {\"id\": \"CVE-2024-0666\", \"references\": [");
            String ref = "{\"url\": \"https://example.org/" + "x".repeat(1000) + "\"},";
            for (int i = 0; i < 100_000; i++) {
                w.write(ref);
            }
            w.write("{\"url\": \"https://example.org/end\"}]}}, {\"cve\": ");
            w.write(record("CVE-2024-0002", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"));
            w.write("}]}");
        }
        assertThat(Files.size(f)).isGreaterThan(100_000_000L);
        NvdDataSet set = new NvdReader().read(f);
        assertThat(set.records()).extracting(CveRecord::id).containsExactly("CVE-2024-0001", "CVE-2024-0002");
        assertThat(set.problems()).anyMatch(p -> p.contains("huge.json") && p.contains("CVE-2024-0666")
                && p.contains("record limit"));
    }

    @Test
    void aStringLongerThanTheRecordLimitRejectsTheFileNamingTheRecord() throws IOException {
        Path f = dir.resolve("huge-string.json");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("{\"vulnerabilities\": [{\"cve\": ");
            w.write(record("CVE-2024-0001", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"));
            w.write("}, {\"cve\": {\"id\": \"CVE-2024-0667\", \"descriptions\": [{\"lang\": \"en\", \"value\": \"");
            for (int i = 0; i < 20; i++) {
                w.write("y".repeat(1 << 20));
            }
            w.write("\"}]}}, {\"cve\": ");
            w.write(record("CVE-2024-0002", "cpe:2.3:a:qemu:qemu:*:*:*:*:*:*:*:*"));
            w.write("}]}");
        }
        assertThatThrownBy(() -> new NvdReader(1 << 20).read(f)).isInstanceOf(ExposureDataException.class)
                .hasMessageContaining("huge-string.json").hasMessageContaining("CVE-2024-0667")
                .hasMessageContaining("record limit").hasMessageContaining("the last CVE-2024-0001");
    }

    @Test
    void nonNvdJsonIsRejectedNamingTheFile() throws IOException {
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[1, 2, 3]");
        assertThatThrownBy(() -> new NvdReader().read(list)).hasMessageContaining("list.json")
                .hasMessageContaining("not an NVD JSON file");
        Path notJson = dir.resolve("text.json");
        Files.writeString(notJson, "hello");
        assertThatThrownBy(() -> new NvdReader().read(notJson)).hasMessageContaining("text.json")
                .hasMessageContaining("invalid JSON");
        Path list2 = dir.resolve("vulns-object.json");
        Files.writeString(list2, "{\"vulnerabilities\": {}}");
        assertThatThrownBy(() -> new NvdReader().read(list2)).hasMessageContaining("vulns-object.json")
                .hasMessageContaining("must be an array");
    }
}

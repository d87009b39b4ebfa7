package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.virtguard.connector.tck.TestEnvironment;

class KevCatalogTest {

    @TempDir
    Path temp;

    @Test
    void loadsTheRealCatalogueFromItsJsonFeed() throws Exception {
        Path json = TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json");
        KevCatalog kev = KevCatalog.load(json);
        int declared = new ObjectMapper().readTree(json.toFile()).path("count").asInt();
        assertThat(kev.size() + kev.skipped()).isEqualTo(declared);
        assertThat(kev.skipped()).isZero();
        KevEntry escape = kev.find("CVE-2025-22224").orElseThrow();
        assertThat(escape.vendor()).isEqualTo("VMware");
        assertThat(escape.dateAdded()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(escape.dueDate()).isAfter(escape.dateAdded());
        assertThat(kev.find("CVE-2015-3456")).as("VENOM is not in KEV").isEmpty();
    }

    @Test
    void theCsvExportGivesTheSameEntries() {
        KevCatalog json = KevCatalog.load(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.json"));
        KevCatalog csv = KevCatalog.load(TestEnvironment.requireCorpus("vulns/cisa-kev/known_exploited_vulnerabilities.csv"));
        assertThat(csv.size()).isEqualTo(json.size());
        for (KevEntry entry : json.entries()) {
            assertThat(csv.find(entry.cveId())).as(entry.cveId()).contains(entry);
        }
    }

    @Test
    void badEntriesAreCountedAndSkipped() {
        KevCatalog kev = KevCatalog.fromJson("""
                {"catalogVersion": "x", "vulnerabilities": [
                  {"cveID": "CVE-2024-37085", "dateAdded": "2024-07-30", "dueDate": "2024-08-20"},
                  {"cveID": "not-a-cve", "dateAdded": "2024-07-30"},
                  {"cveID": "CVE-2024-1", "dateAdded": "2024-07-30"},
                  {"cveID": "CVE-2024-38812", "dateAdded": "last tuesday"}
                ]}""", "test.json");
        assertThat(kev.size()).isEqualTo(1);
        assertThat(kev.skipped()).isEqualTo(3);
    }

    @Test
    void unreadableFilesAreNamedInTheError() throws Exception {
        Path garbage = temp.resolve("kev.bin");
        Files.write(garbage, new byte[] {0, 1, 2, (byte) 0xff});
        assertThatThrownBy(() -> KevCatalog.load(garbage)).isInstanceOf(ExposureDataException.class)
                .hasMessageContaining("kev.bin");
        Path broken = temp.resolve("kev.json");
        Files.writeString(broken, "{\"vulnerabilities\": [");
        assertThatThrownBy(() -> KevCatalog.load(broken)).hasMessageContaining("kev.json").hasMessageContaining("JSON");
        Path noList = temp.resolve("other.json");
        Files.writeString(noList, "{\"items\": []}");
        assertThatThrownBy(() -> KevCatalog.load(noList)).hasMessageContaining("'vulnerabilities'");
    }
}

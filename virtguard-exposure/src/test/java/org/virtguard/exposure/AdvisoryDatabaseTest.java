package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AdvisoryDatabaseTest {

    @Test
    void everyBundledAdvisoryCitesSourcesAndNamesWhatToInstall() {
        AdvisoryDatabase db = AdvisoryDatabase.bundled();
        assertThat(db.advisories()).extracting(Advisory::id).contains("VMSA-2025-0004", "VENOM");
        for (Advisory advisory : db.advisories()) {
            assertThat(advisory.sources()).as(advisory.id()).isNotEmpty().allMatch(s -> s.startsWith("https://"));
            assertThat(advisory.affected()).as(advisory.id()).allMatch(l -> !l.fixedRelease().isBlank());
        }
        assertThat(db.advisories()).filteredOn(a -> a.id().equals("VMSA-2025-0004")).singleElement()
                .satisfies(a -> assertThat(a.cves()).containsExactly("CVE-2025-22224", "CVE-2025-22225", "CVE-2025-22226"));
    }

    @Test
    void anEntryWithoutSourcesIsRejectedNamingFileAndEntry() {
        byte[] yaml = """
                advisories:
                  - id: X-1
                    product: esxi
                    cves: [CVE-2025-1111]
                    severity: high
                    affected: [{line: "8.0", fixedBuild: 1, fixedRelease: "8.0 U9"}]
                """.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AdvisoryDatabase.read(yaml, "mine.yaml"))
                .hasMessageContaining("mine.yaml: advisories[0] (X-1).sources");
    }

    @Test
    void otherMistakesAreNamedPrecisely() {
        assertThatThrownBy(() -> AdvisoryDatabase.read("""
                advisories:
                  - {id: X-2, product: hyperv, cves: [CVE-2025-1111], severity: high, sources: [https://x],
                     affected: [{line: "1", fixedBuild: 1, fixedRelease: r}]}
                """.getBytes(StandardCharsets.UTF_8), "a.yaml")).hasMessageContaining("(X-2).product");
        assertThatThrownBy(() -> AdvisoryDatabase.read("""
                advisories:
                  - {id: X-3, product: qemu, cves: [CVE-2025-1111], severity: high, sources: [https://x],
                     affected: [{line: "", fixedBuild: 5, affectedUpTo: "2.0", fixedRelease: r}]}
                """.getBytes(StandardCharsets.UTF_8), "a.yaml")).hasMessageContaining("affected[0]: give fixedBuild or affectedUpTo");
        assertThatThrownBy(() -> AdvisoryDatabase.read("""
                advisories:
                  - {id: X-4, product: qemu, cves: [VENOM], severity: high, sources: [https://x],
                     affected: [{line: "", affectedUpTo: "2.0", fixedRelease: r}]}
                """.getBytes(StandardCharsets.UTF_8), "a.yaml")).hasMessageContaining("'VENOM' is not a CVE id");
        assertThatThrownBy(() -> AdvisoryDatabase.read("""
                advisories:
                  - {id: X-5, product: qemu, cves: [CVE-2025-1111], severity: urgent, sources: [https://x],
                     affected: [{line: "", affectedUpTo: "2.0", fixedRelease: r}]}
                """.getBytes(StandardCharsets.UTF_8), "a.yaml")).hasMessageContaining("(X-5).severity");
        assertThatThrownBy(() -> AdvisoryDatabase.read("""
                advisories:
                  - {id: X-6, product: qemu, cvez: [CVE-2025-1111]}
                """.getBytes(StandardCharsets.UTF_8), "a.yaml")).hasMessageContaining("a.yaml").hasMessageContaining("cvez");
    }
}

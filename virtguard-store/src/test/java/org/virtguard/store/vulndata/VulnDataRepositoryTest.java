package org.virtguard.store.vulndata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.virtguard.store.Store;
import org.virtguard.store.testdb.DatabaseTest;

class VulnDataRepositoryTest {

    private static final Instant LOADED = Instant.parse("2026-12-07T21:00:00Z");

    private static StoredDataSet set(String key, String file, int records) {
        return new StoredDataSet(0, key, "epss", file, "ab".repeat(32), 1234, Instant.parse("2026-12-06T00:00:00Z"),
                LOADED, records, Map.of("not a CVE id", 2, "score outside 0..1", 1), 0);
    }

    @DatabaseTest
    void aDataSetRoundTripsWithItsProvenanceAndPayload(Store store) {
        VulnDataRepository repo = store.vulnerabilityData();
        byte[] payload = "cve,epss,percentile\nCVE-2021-21974,0.94,0.99\n".getBytes(StandardCharsets.UTF_8);

        StoredDataSet stored = repo.replace(set("epss", "epss_scores-2026-12-06.csv.gz", 1), payload);

        StoredDataSet read = repo.find("epss").orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.skipped()).containsEntry("not a CVE id", 2).containsEntry("score outside 0..1", 1);
        assertThat(read.dataDate()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(repo.payload(read.id(), 1 << 20)).isEqualTo(payload);
    }

    @DatabaseTest
    void aLargePayloadSpansChunksAndComesBackIdentical(Store store) {
        VulnDataRepository repo = store.vulnerabilityData();
        byte[] payload = new byte[3 * VulnDataRepository.CHUNK_BYTES + 17];
        new Random(19).nextBytes(payload);

        StoredDataSet stored = repo.replace(set("nvd:nvdcve-2.0-2021", "nvdcve-2.0-2021.json.gz", 30_000), payload);

        assertThat(repo.payload(stored.id(), payload.length)).isEqualTo(payload);
        assertThat(stored.payloadBytes()).isEqualTo(payload.length);
        assertThatThrownBy(() -> repo.payload(stored.id(), payload.length - 1)).hasMessageContaining("larger than");
    }

    @DatabaseTest
    void aNewLoadReplacesTheDataSetAndLeavesOthersAlone(Store store) {
        VulnDataRepository repo = store.vulnerabilityData();
        StoredDataSet kev = repo.replace(new StoredDataSet(0, "kev", "kev", "kev.json", "cd".repeat(32), 10, null,
                LOADED, 1400, Map.of(), 0), "{}".getBytes(StandardCharsets.UTF_8));
        StoredDataSet first = repo.replace(set("epss", "old.csv", 1), "old".getBytes(StandardCharsets.UTF_8));
        String before = repo.fingerprint();

        StoredDataSet second = repo.replace(set("epss", "new.csv", 2), "new".getBytes(StandardCharsets.UTF_8));

        assertThat(repo.list()).extracting(StoredDataSet::key).containsExactly("epss", "kev");
        assertThat(repo.find("epss").orElseThrow().fileName()).isEqualTo("new.csv");
        assertThat(new String(repo.payload(second.id(), 100), StandardCharsets.UTF_8)).isEqualTo("new");
        assertThatThrownBy(() -> repo.payload(first.id(), 100)).hasMessageContaining("no stored payload");
        assertThat(new String(repo.payload(kev.id(), 100), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(repo.fingerprint()).isNotEqualTo(before);
    }

    @DatabaseTest
    void aFailedReplaceKeepsThePreviousDataSet(Store store) {
        VulnDataRepository repo = store.vulnerabilityData();
        StoredDataSet good = repo.replace(set("epss", "good.csv", 5), "good".getBytes(StandardCharsets.UTF_8));
        StoredDataSet tooLongKind = new StoredDataSet(0, "epss", null, "bad.csv", "ef".repeat(32), 1, null, LOADED, 1,
                Map.of(), 0);

        assertThatThrownBy(() -> repo.replace(tooLongKind, "bad".getBytes(StandardCharsets.UTF_8)));

        assertThat(repo.find("epss").orElseThrow().fileName()).isEqualTo("good.csv");
        assertThat(new String(repo.payload(good.id(), 100), StandardCharsets.UTF_8)).isEqualTo("good");
    }

    @DatabaseTest
    void skipReasonsCannotForgeOtherReasons(Store store) {
        VulnDataRepository repo = store.vulnerabilityData();
        repo.replace(new StoredDataSet(0, "osv:Debian", "osv", "all.zip", "01".repeat(32), 1, null, LOADED, 1,
                Map.of("evil\nforged=999", 1), 0), new byte[]{1});

        assertThat(repo.find("osv:Debian").orElseThrow().skipped()).containsExactly(Map.entry("evil forged 999", 1));
    }
}

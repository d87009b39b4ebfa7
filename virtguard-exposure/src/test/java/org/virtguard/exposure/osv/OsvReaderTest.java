package org.virtguard.exposure.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvReaderTest {

    @TempDir
    Path temp;

    static void zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    @Test
    void readsTheZipLayoutOsvPublishesAndSkipsBadRecordsWithTheirReasons() throws IOException {
        Path all = temp.resolve("all.zip");
        zip(all, Map.of(
                "DEBIAN-CVE-2024-3446.json", OsvTestRecords.debian("DEBIAN-CVE-2024-3446", "CVE-2024-3446", "Debian:12",
                        "qemu", "0", "1:7.2+dfsg-7+deb12u6"),
                "DSA-5000-1.json", OsvTestRecords.debian("DSA-5000-1", "CVE-2023-0001", "Debian:11", "libvirt", "0",
                        "7.0.0-3+deb11u2"),
                "truncated.json", "{\"id\": \"DSA-1\", \"modified\": \"2026-",
                "no-modified.json", "{\"id\": \"DSA-2\", \"affected\": []}",
                "bad-event.json", "{\"id\": \"DSA-3\", \"modified\": \"2026-12-01T00:00:00Z\", \"affected\": [{\"package\":"
                        + " {\"ecosystem\": \"Debian:12\", \"name\": \"qemu\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\","
                        + " \"events\": [{\"introduced\": \"0\", \"fixed\": \"1\"}]}]}]}",
                "README.txt", "not a record"));

        OsvReader.Result result = OsvReader.read(all);

        assertThat(result.records()).extracting(OsvRecord::id).containsExactlyInAnyOrder("DEBIAN-CVE-2024-3446",
                "DSA-5000-1");
        assertThat(result.skipped()).containsEntry("not valid JSON", 1).containsEntry("modified is missing", 1);
        assertThat(result.skipped().keySet())
                .anyMatch(k -> k.startsWith("affected[].ranges[].events[] must have exactly one of"));
        assertThat(result.skippedCount()).isEqualTo(3);
    }

    @Test
    void readsADirectoryOfRecordFiles() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("osv"));
        Files.writeString(dir.resolve("a.json"), OsvTestRecords.debian("DSA-10", "CVE-2024-0010", "Debian:12", "qemu",
                "0", "1:7.2+dfsg-7+deb12u1"));
        Files.writeString(dir.resolve("b.json"), "[" + OsvTestRecords.debian("DSA-11", "CVE-2024-0011", "Debian:12",
                "qemu", "0", null) + "]");

        assertThat(OsvReader.read(dir).records()).extracting(OsvRecord::id).containsExactly("DSA-10", "DSA-11");
    }

    @Test
    void anOversizedRecordInAZipStopsTheReadNamingTheEntry() throws IOException {
        Path bomb = temp.resolve("bomb.zip");
        zip(bomb, Map.of("huge.json", "{\"id\": \"X\", \"details\": \"" + "A".repeat(OsvReader.MAX_RECORD_BYTES) + "\"}"));

        assertThatThrownBy(() -> OsvReader.read(bomb)).isInstanceOf(OsvFormatException.class)
                .hasMessageContaining("bomb.zip!huge.json").hasMessageContaining("larger than");
    }

    @Test
    void aFileThatIsNotAZipIsRejectedNamingIt() throws IOException {
        Path fake = temp.resolve("fake.zip");
        Files.write(fake, new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0, 1, 2, 3});

        assertThatThrownBy(() -> OsvReader.read(fake)).isInstanceOf(OsvFormatException.class)
                .hasMessageContaining("fake.zip");
    }

    @Test
    void hostileFieldsAreSkippedNotTrusted() {
        String json = "[{\"id\": \"../../etc/passwd\", \"modified\": \"2026-12-01T00:00:00Z\"},"
                + "{\"id\": \"DSA-9\", \"modified\": \"yesterday\"},"
                + "{\"id\": \"DSA-8\", \"modified\": \"2026-12-01T00:00:00Z\", \"affected\": {\"not\": \"an array\"}},"
                + "{\"id\": \"DSA-7\", \"modified\": \"2026-12-01T00:00:00Z\", \"affected\": [{\"package\":"
                + " {\"ecosystem\": \"Debian:12\", \"name\": \"qemu\"}, \"ranges\": [{\"type\": \"ECOSYSTEM\","
                + " \"events\": [{\"fixed\": \"1.0\"}]}]}]}, 42]";

        OsvReader.Result result = OsvReader.read(json.getBytes(StandardCharsets.UTF_8), "hostile.json");

        assertThat(result.records()).isEmpty();
        assertThat(result.skipped()).containsEntry("id is missing or not an OSV id", 1)
                .containsEntry("modified is not an RFC 3339 time", 1).containsEntry("affected is not an array", 1)
                .containsEntry("affected[].ranges[] has no introduced event", 1)
                .containsEntry("record is not a JSON object", 1);
    }
}

package org.virtguard.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    private static final CheckpointKey KEY = CheckpointKey.of("test-checkpoint-key-0123456789abcdef");
    private static final String HASH = "ab".repeat(32);

    @Test
    void appendsPrivateLinesAndRotatesAtItsLimit(@TempDir Path dir) throws Exception {
        CheckpointFile file = new CheckpointFile(dir.resolve("sub").resolve("cp.jsonl"), 400);
        for (int i = 1; i <= 6; i++) {
            file.append(KEY.sign(i, HASH, Instant.parse("2026-01-01T00:00:00Z")));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(Files.exists(dir.resolve("sub").resolve("cp.jsonl.1"))).isTrue();
        assertThat(file.lines()).extracting(l -> AuditCheckpoint.parse(l.text()).seq()).endsWith(6L)
                .isSorted().hasSizeLessThan(6);
    }

    @Test
    void aCheckpointLineRoundTripsAndOnlyTheKeyVerifiesIt() {
        AuditCheckpoint c = KEY.sign(42, HASH, Instant.parse("2026-01-01T00:00:00Z"));
        AuditCheckpoint read = AuditCheckpoint.parse(c.line());
        assertThat(read).isEqualTo(c);
        assertThat(KEY.verifies(read)).isTrue();
        assertThat(CheckpointKey.of("another-key-0123456789abcdefghijklmn").verifies(read)).isFalse();
        assertThat(KEY.verifies(new AuditCheckpoint(43, HASH, c.at(), c.mac()))).isFalse();
        assertThatThrownBy(() -> AuditCheckpoint.parse(c.line().replace("}", ",\"seq\":1}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckpointKey.of("short")).hasMessageContaining("at least 32");
        assertThat(KEY.toString()).doesNotContain("0123456789");
    }
}

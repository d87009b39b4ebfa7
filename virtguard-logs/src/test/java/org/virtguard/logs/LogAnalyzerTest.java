package org.virtguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAnalyzerTest {

    @TempDir
    Path dir;

    @Test
    void firstYearComesFromTheModificationTimeAndRollsBackForADecemberStart() throws Exception {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, "<13>Dec 30 10:00:00 h sshd[1]: x\nJan  2 10:00:00 h sshd[1]: y\n");
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2025-01-03T00:00:00Z")));
        assertThat(LogAnalyzer.firstYearOf(log)).isEqualTo(2024);
        Files.writeString(log, "Jan  2 10:00:00 h sshd[1]: y\n");
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2025-01-03T00:00:00Z")));
        assertThat(LogAnalyzer.firstYearOf(log)).isEqualTo(2025);
        Files.writeString(log, "garbage\n");
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2025-06-03T00:00:00Z")));
        assertThat(LogAnalyzer.firstYearOf(log)).isEqualTo(2025);
    }

    @Test
    void aLogWhoseFirstDayLiesAfterItsModificationDayStartsTheYearBefore() throws Exception {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, "Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186\n");
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-12-07T21:04:01Z")));
        assertThat(LogAnalyzer.firstYearOf(log)).isEqualTo(2025);
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-12-10T07:00:00Z")));
        assertThat(LogAnalyzer.firstYearOf(log)).isEqualTo(2026);
    }
}

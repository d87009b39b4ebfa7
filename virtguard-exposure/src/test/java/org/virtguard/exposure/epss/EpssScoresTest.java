package org.virtguard.exposure.epss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.virtguard.exposure.ExposureDataException;

class EpssScoresTest {

    private static EpssScores read(String csv) {
        return EpssScores.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "epss.csv");
    }

    @Test
    void readsTheCommentLineAndScores() {
        EpssScores scores = read("#model_version:v2025.03.14,score_date:2026-12-06T00:00:00+0000\r\n"
                + "cve,epss,percentile\r\nCVE-2021-21974,0.94123,0.99912\nCVE-2019-5544,0.8,0.98\n");

        assertThat(scores.modelVersion()).isEqualTo("v2025.03.14");
        assertThat(scores.scoreDate()).isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
        assertThat(scores.find("CVE-2021-21974")).contains(new EpssScores.Score(0.94123, 0.99912));
        assertThat(scores.size()).isEqualTo(2);
        assertThat(scores.skipped()).isEmpty();
    }

    @Test
    void badRowsAreSkippedAndCountedByReason() {
        EpssScores scores = read("cve,epss,percentile\nCVE-2021-21974,0.9,0.99\nnot-a-cve,0.1,0.1\n"
                + "CVE-2020-3992,1.5,0.99\nCVE-2020-3992,NaN,0.5\nCVE-2020-3992,abc,0.5\nCVE-2020-1,0.1\n"
                + "CVE-2021-21974,0.1,0.1\n");

        assertThat(scores.size()).isEqualTo(1);
        assertThat(scores.skipped()).containsEntry("not a CVE id", 1).containsEntry("score outside 0..1", 2)
                .containsEntry("score is not a number", 1).containsEntry("not three columns", 1)
                .containsEntry("CVE listed twice", 1);
    }

    @Test
    void aFileWithoutTheHeaderOrWithAnEndlessLineIsRejectedNamingIt() {
        assertThatThrownBy(() -> read("cveID,vendorProject\nCVE-2021-21974,VMware\n"))
                .isInstanceOf(ExposureDataException.class).hasMessageContaining("epss.csv").hasMessageContaining("header");
        assertThatThrownBy(() -> read("")).hasMessageContaining("no EPSS header");
        assertThatThrownBy(() -> read("cve,epss,percentile\n" + "9".repeat(10_000)))
                .hasMessageContaining("epss.csv: line 2 is longer than");
        assertThatThrownBy(() -> read("#model_version:v1,score_date:tomorrow\ncve,epss,percentile\n"))
                .hasMessageContaining("score_date");
    }
}

package org.virtguard.exposure.nvd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.virtguard.exposure.ExposureDataException;

/**
 * Feeds arbitrary bytes to {@link NvdReader} and arbitrary strings to {@link Cpe#parse}: only a data set, an
 * {@link ExposureDataException} naming the origin, or an {@link IllegalArgumentException} may come out. Without
 * {@code JAZZER_FUZZ=1} this runs the seed inputs in {@code NvdReaderFuzzTestInputs} as a plain test.
 */
class NvdReaderFuzzTest {

    private static final NvdReader SMALL = new NvdReader(64 * 1024);
    private static final PlatformCpe QEMU = new PlatformCpe("a", "qemu", "qemu", "7.2.0", false, false);

    @FuzzTest(maxDuration = "30s")
    void readArbitraryBytes(byte[] input) {
        try {
            NvdDataSet set = SMALL.read(new ByteArrayInputStream(input), "fuzz.json");
            assertThat(set.files()).hasSize(1);
            for (CveRecord r : set.records()) {
                assertThat(r.id()).matches("CVE-\\d{4}-\\d{4,12}");
                ConfigurationMatcher.match(r, List.of(QEMU));
            }
            assertThat(set.problems()).allMatch(p -> p.startsWith("fuzz.json"));
        } catch (ExposureDataException e) {
            assertThat(e.getMessage()).startsWith("fuzz.json");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void parseArbitraryCpe(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Cpe cpe = Cpe.parse(text);
            assertThat(Cpe.parse(cpe.toString())).isEqualTo(cpe);
            Cpe.componentMatches(cpe.version(), "7.2.0");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}

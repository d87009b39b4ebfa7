package org.virtguard.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionNumberTest {

    @ParameterizedTest
    @CsvSource({"2.3.0,2.3.0,0", "2.2.1,2.3.0,-1", "2.3.1,2.3.0,1", "2.3,2.3.0,0", "2.10,2.9,1",
            "2.3.0-rc1,2.3.0,-1", "7.2.0,2.3.0,1", "8.0.3,8.0.2,1"})
    void comparesNumericallyPartByPart(String a, String b, int sign) {
        assertThat(Integer.signum(VersionNumber.parse(a).compareTo(VersionNumber.parse(b)))).isEqualTo(sign);
    }

    @ParameterizedTest
    @CsvSource({"8.0.3,8.0,true", "8.0.3,8.0.3,true", "8.0,8.0.3,false", "7.0.3,8.0,false", "8.01,8.0,false"})
    void knowsReleaseLines(String version, String line, boolean in) {
        assertThat(VersionNumber.parse(version).inLine(VersionNumber.parse(line))).isEqualTo(in);
    }

    @ParameterizedTest
    @CsvSource({"''", "abc", "v"})
    void rejectsTextWithoutNumbers(String text) {
        assertThatThrownBy(() -> VersionNumber.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

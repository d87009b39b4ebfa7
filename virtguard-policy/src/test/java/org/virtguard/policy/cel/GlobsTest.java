package org.virtguard.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shell-style patterns as zone selectors and the {@code glob()} rule function use them. */
class GlobsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pg-dmz-1      | pg-dmz-*    | true",
            "PG-DMZ-1      | pg-dmz-*    | true",
            "pg-dmz-1      | PG-?MZ-1    | true",
            "pg-int-1      | pg-dmz-*    | false",
            "dmz           | *           | true",
            "''            | *           | true",
            "''            | ?           | false",
            "a*x           | a*          | true",
            "a*x           | a\\*x       | false",
            "mgmt          | mgmt*       | true",
            "mgmt-vmk0     | *vmk?       | true",
            "ds-gold-01    | ds-*-0?     | true",
            "ds-gold-010   | ds-*-0?     | false",
            "aaa           | a*a*a*a     | false",
            "Straße        | STRASSE     | false",
            "Straße        | straSSe     | false",
            "ÆBLE          | æble        | true"})
    void matchesAsAShellPatternIgnoringCase(String text, String pattern, boolean expected) {
        assertThat(Globs.matches(text, pattern)).as(text + " ~ " + pattern).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a,", ",a"})
    void nothingMatchesNull(String text, String pattern) {
        assertThat(Globs.matches(text, pattern)).isFalse();
    }
}

package org.virtguard.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** CSV cells a spreadsheet reads as data: formulas neutralised, separators quoted. */
class CsvTest {

    @Test
    void formulaPrefixesAreNeutralised() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(Csv.cell("+1+cmd|' /C calc'!A0")).isEqualTo("\"'+1+cmd|' /C calc'!A0\"");
        assertThat(Csv.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(Csv.cell("\t=1")).startsWith("\"'\t");
        assertThat(Csv.cell("\r=1")).startsWith("\"'\r");
    }

    @Test
    void plainValuesStayAndSeparatorsAreQuoted() {
        assertThat(Csv.cell("web01")).isEqualTo("web01");
        assertThat(Csv.cell("fd00::3:a837:1")).isEqualTo("fd00::3:a837:1");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.line(List.of("a", "=b", "c,d"))).isEqualTo("a,\"'=b\",\"c,d\"\r\n");
    }
}

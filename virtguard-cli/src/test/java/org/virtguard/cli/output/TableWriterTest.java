package org.virtguard.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class TableWriterTest {

    @Test
    void csvQuotesPerRfc4180() {
        assertThat(TableWriter.csvCell("plain")).isEqualTo("plain");
        assertThat(TableWriter.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(TableWriter.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TableWriter.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void csvDefusesFormulasInHypervisorControlledNames() {
        assertThat(TableWriter.csvCell("=HYPERLINK(\"http://x\")")).startsWith("\"'=HYPERLINK");
        assertThat(TableWriter.csvCell("+cmd")).isEqualTo("'+cmd");
        assertThat(TableWriter.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void textTableAlignsColumns() {
        Table table = new Table("name", "host").row("web01", "kvm-a").row("database-01", "kvm-b");
        StringWriter text = new StringWriter();
        TableWriter.text(table, new PrintWriter(text));
        assertThat(text.toString().lines().toList()).containsExactly(
                "NAME         HOST",
                "web01        kvm-a",
                "database-01  kvm-b");
    }
}

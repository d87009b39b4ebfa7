package org.virtguard.cli.output;

import java.io.PrintWriter;
import java.util.List;

/** Prints a {@link Table} as aligned text or CSV. */
public final class TableWriter {

    private TableWriter() {
    }

    public static void text(Table table, PrintWriter out) {
        int[] widths = new int[table.columns().size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = table.columns().get(c).length();
            for (List<String> row : table.rows()) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printAligned(table.columns().stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList(), widths, out);
        for (List<String> row : table.rows()) {
            printAligned(row, widths, out);
        }
        out.flush();
    }

    private static void printAligned(List<String> cells, int[] widths, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    public static void csv(Table table, PrintWriter out) {
        out.print(csvLine(table.columns()));
        for (List<String> row : table.rows()) {
            out.print(csvLine(row));
        }
        out.flush();
    }

    static String csvLine(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvCell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /**
     * Quotes a cell per RFC 4180 and defuses spreadsheet formulas: inventory names come from the
     * hypervisor and may be chosen by an attacker.
     */
    static String csvCell(String cell) {
        String value = cell;
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || value.startsWith(" ") || value.endsWith(" ");
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}

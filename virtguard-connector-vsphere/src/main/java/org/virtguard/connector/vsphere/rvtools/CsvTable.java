package org.virtguard.connector.vsphere.rvtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One RVTools tab exported as CSV (RFC 4180 quoting, comma or semicolon separated). Headers are matched
 * case-insensitively ignoring spaces and punctuation. Bounded: files over {@link #MAX_BYTES}, more than
 * {@link #MAX_ROWS} rows or {@link #MAX_COLUMNS} columns are cut off; rows with the wrong number of cells are skipped
 * and counted.
 */
final class CsvTable {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_ROWS = 500_000;
    static final int MAX_COLUMNS = 512;

    private final List<Map<String, String>> rows;
    private final int skipped;

    private CsvTable(List<Map<String, String>> rows, int skipped) {
        this.rows = rows;
        this.skipped = skipped;
    }

    static CsvTable read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file.getFileName() + " is larger than 64 MiB");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(text);
    }

    static CsvTable parse(String text) {
        return fromRecords(records(text, detectSeparator(text)));
    }

    /** A table from records whose first one is the header. */
    static CsvTable fromRecords(List<List<String>> records) {
        if (records.isEmpty()) {
            return new CsvTable(List.of(), 0);
        }
        List<String> header = records.get(0).stream().map(CsvTable::key).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        int skipped = 0;
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            if (r.size() != header.size()) {
                skipped++;
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.putIfAbsent(header.get(c), r.get(c).trim());
            }
            rows.add(row);
        }
        return new CsvTable(rows, skipped);
    }

    List<Map<String, String>> rows() {
        return rows;
    }

    int skipped() {
        return skipped;
    }

    /** The normalised form of a header: lower case letters and digits only. */
    static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static char detectSeparator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
    }

    private static List<List<String>> records(String text, char sep) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length() && out.size() <= MAX_ROWS; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else if (cell.length() < 65_536) {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == sep) {
                addCell(current, cell);
            } else if (ch == '\n') {
                addCell(current, cell);
                out.add(current);
                current = new ArrayList<>();
            } else if (ch != '\r' && cell.length() < 65_536) {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !current.isEmpty()) {
            addCell(current, cell);
            out.add(current);
        }
        return out;
    }

    private static void addCell(List<String> current, StringBuilder cell) {
        if (current.size() < MAX_COLUMNS) {
            current.add(cell.toString());
        }
        cell.setLength(0);
    }
}

package org.virtguard.export;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A streaming Office Open XML workbook (.xlsx) writer: each tab is written to the zip as its rows arrive, so
 * memory stays flat however many rows there are. Strings are always inline text cells and no cell ever carries
 * a formula, so text such as {@code =HYPERLINK(...)} from a VM name stays text. The header row is bold, frozen
 * and has an auto-filter; dates are numeric date cells shown as {@code yyyy-mm-dd hh:mm:ss} (UTC).
 */
public final class XlsxWriter implements TabWriter {

    /** Excel's row limit: a tab with more rows is cut there and ends with a row saying so. */
    static final int MAX_ROWS = 1_048_576;
    private static final int STYLE_HEADER = 1;
    private static final int STYLE_DATE = 2;
    private static final long SECONDS_PER_DAY = 86_400L;
    /** Days from the spreadsheet epoch (1899-12-30) to 1970-01-01. */
    private static final long EPOCH_OFFSET_DAYS = 25_569L;

    private final ZipOutputStream zip;
    private final List<String> tabNames = new ArrayList<>();
    private final List<String> filterRanges = new ArrayList<>();
    private Writer sheet;
    private int columns;
    private int rowNumber;
    private boolean cut;
    private boolean finished;

    /** Writes the workbook to {@code out}, which the caller closes after {@link #finish()}. */
    public XlsxWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    }

    @Override
    public void startTab(String name, List<String> headers) throws IOException {
        if (sheet != null) {
            throw new IllegalStateException("tab " + tabNames.getLast() + " was not ended");
        }
        if (name.isEmpty() || name.length() > 31 || name.chars().anyMatch(c -> "[]:*?/\\'".indexOf(c) >= 0)
                || tabNames.contains(name)) {
            throw new IllegalArgumentException("invalid or duplicate tab name '" + name + "'");
        }
        tabNames.add(name);
        columns = headers.size();
        rowNumber = 0;
        cut = false;
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + tabNames.size() + ".xml"));
        sheet = new BufferedWriter(new OutputStreamWriter(new KeepOpen(zip), StandardCharsets.UTF_8), 1 << 16);
        sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
                + "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols>");
        for (int i = 0; i < headers.size(); i++) {
            int width = Math.max(10, Math.min(60, headers.get(i).length() + 4));
            sheet.write("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + width
                    + "\" customWidth=\"1\"/>");
        }
        sheet.write("</cols><sheetData>");
        writeRow(headers, STYLE_HEADER);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        if (sheet == null) {
            throw new IllegalStateException("no tab started");
        }
        if (cells.size() > columns) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns + " columns");
        }
        if (cut) {
            return;
        }
        if (rowNumber == MAX_ROWS - 1) {
            cut = true;
            writeRow(List.of("(more rows than a worksheet holds; use the CSV export)"), 0);
            return;
        }
        writeRow(cells, 0);
    }

    private void writeRow(List<?> cells, int style) throws IOException {
        rowNumber++;
        sheet.write("<row r=\"" + rowNumber + "\">");
        for (int i = 0; i < cells.size(); i++) {
            Object value = cells.get(i);
            if (value == null) {
                continue;
            }
            String ref = column(i) + rowNumber;
            switch (value) {
                case Long n -> sheet.write("<c r=\"" + ref + "\"><v>" + n + "</v></c>");
                case Integer n -> sheet.write("<c r=\"" + ref + "\"><v>" + n + "</v></c>");
                case Instant t -> sheet.write("<c r=\"" + ref + "\" s=\"" + STYLE_DATE + "\"><v>" + serial(t)
                        + "</v></c>");
                default -> {
                    sheet.write("<c r=\"" + ref + "\" t=\"inlineStr\"" + (style == 0 ? "" : " s=\"" + style + "\"")
                            + "><is><t xml:space=\"preserve\">");
                    escape(CellText.of(value));
                    sheet.write("</t></is></c>");
                }
            }
        }
        sheet.write("</row>");
    }

    @Override
    public void endTab() throws IOException {
        if (sheet == null) {
            throw new IllegalStateException("no tab started");
        }
        sheet.write("</sheetData>");
        String range = "A1:" + column(Math.max(0, columns - 1)) + rowNumber;
        filterRanges.add(range);
        sheet.write("<autoFilter ref=\"" + range + "\"/></worksheet>");
        sheet.flush();
        zip.closeEntry();
        sheet = null;
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (sheet != null) {
            endTab();
        }
        finished = true;
        entry("[Content_Types].xml", contentTypes());
        entry("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        entry("xl/workbook.xml", workbook());
        entry("xl/_rels/workbook.xml.rels", workbookRels());
        entry("xl/styles.xml", STYLES);
        zip.finish();
        zip.flush();
    }

    private String contentTypes() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-"
                + "officedocument.spreadsheetml.styles+xml\"/>");
        for (int i = 1; i <= tabNames.size(); i++) {
            b.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ContentType=\"")
                    .append("application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return b.append("</Types>").toString();
    }

    private String workbook() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        for (int i = 0; i < tabNames.size(); i++) {
            b.append("<sheet name=\"").append(xml(tabNames.get(i))).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        b.append("</sheets><definedNames>");
        for (int i = 0; i < tabNames.size(); i++) {
            String range = filterRanges.get(i).replaceAll("([A-Z]+)(\\d+)", "\\$$1\\$$2");
            b.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"").append(i)
                    .append("\" hidden=\"1\">'").append(xml(tabNames.get(i))).append("'!").append(range)
                    .append("</definedName>");
        }
        return b.append("</definedNames></workbook>").toString();
    }

    private String workbookRels() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 1; i <= tabNames.size(); i++) {
            b.append("<Relationship Id=\"rId").append(i).append("\" Type=\"http://schemas.openxmlformats.org/")
                    .append("officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet").append(i)
                    .append(".xml\"/>");
        }
        int styles = tabNames.size() + 1;
        b.append("<Relationship Id=\"rId").append(styles).append("\" Type=\"http://schemas.openxmlformats.org/")
                .append("officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
        return b.append("</Relationships>").toString();
    }

    private static final String STYLES = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
            + "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";

    private void entry(String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** The spreadsheet serial date of an instant (days since 1899-12-30, fraction of the day). */
    static String serial(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        long secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
        double value = days + EPOCH_OFFSET_DAYS + secondOfDay / (double) SECONDS_PER_DAY;
        return Double.toString(value);
    }

    /** The column letters of a zero-based index: A..Z, AA.. */
    static String column(int index) {
        StringBuilder b = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            b.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return b.toString();
    }

    private void escape(String text) throws IOException {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\r' -> "&#13;";
                case '_' -> isEscapeSequence(text, i) ? "_x005F_" : null;
                default -> null;
            };
            if (replacement != null) {
                sheet.write(text, run, i - run);
                sheet.write(replacement);
                run = i + 1;
            }
        }
        sheet.write(text, run, text.length() - run);
    }

    /** Whether {@code _xHHHH_} starts at {@code i}: readers would decode it, so its underscore is escaped. */
    private static boolean isEscapeSequence(String text, int i) {
        if (i + 7 > text.length() || text.charAt(i + 1) != 'x' || text.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The zip stream seen through a writer that must not close it. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

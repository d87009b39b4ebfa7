package org.virtguard.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One CSV file per tab (RFC 4180, UTF-8, CRLF, a header row), written where a subclass puts each tab: files in
 * a directory ({@link CsvDirectoryWriter}) or entries of a zip ({@link CsvZipWriter}). Text that a spreadsheet
 * would take for a formula (starting with {@code = + - @}, tab or carriage return) is prefixed with {@code '},
 * as OWASP recommends against CSV injection; numbers are written as they are.
 */
public abstract class CsvTabs implements TabWriter {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Writer tab;
    private int columns;
    private boolean finished;

    /** Opens the stream of one tab's file, named {@code name + ".csv"}. */
    protected abstract OutputStream open(String name) throws IOException;

    /** Closes the stream of the current tab's file. */
    protected abstract void close(OutputStream stream) throws IOException;

    /** Completes the container after the last tab. */
    protected abstract void complete() throws IOException;

    private OutputStream current;

    @Override
    public void startTab(String name, List<String> headers) throws IOException {
        if (tab != null) {
            throw new IllegalStateException("the previous tab was not ended");
        }
        if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("invalid tab name '" + name + "'");
        }
        current = open(name);
        tab = new BufferedWriter(new OutputStreamWriter(current, StandardCharsets.UTF_8), 1 << 16);
        columns = headers.size();
        line(headers);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        if (tab == null) {
            throw new IllegalStateException("no tab started");
        }
        if (cells.size() > columns) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns + " columns");
        }
        line(cells);
    }

    private void line(List<?> cells) throws IOException {
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                tab.write(',');
            }
            Object value = i < cells.size() ? cells.get(i) : null;
            String text = CellText.of(value);
            if (value instanceof String && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
                text = "'" + text;
            }
            tab.write(quote(text));
        }
        tab.write("\r\n");
    }

    /** The field quoted when it holds a comma, quote, line break or surrounding space. */
    static String quote(String text) {
        boolean needs = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0 || !text.isEmpty()
                && (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)));
        return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    @Override
    public void endTab() throws IOException {
        if (tab == null) {
            throw new IllegalStateException("no tab started");
        }
        tab.flush();
        close(current);
        tab = null;
        current = null;
    }

    @Override
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (tab != null) {
            endTab();
        }
        finished = true;
        complete();
    }
}

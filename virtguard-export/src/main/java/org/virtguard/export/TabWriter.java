package org.virtguard.export;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Writes tabs of rows, one tab after the other, without holding the rows: the streaming sink of an
 * {@link InventoryExport}. Cells are {@code null} (empty), {@link String} (always text, never a formula),
 * {@link Long}/{@link Integer} (numbers), {@link Boolean} (written as {@code yes}/{@code no}) or
 * {@link java.time.Instant} (a UTC date and time).
 */
public interface TabWriter extends Closeable {

    /** Starts a tab with its header row; the previous tab must have been ended. */
    void startTab(String name, List<String> headers) throws IOException;

    /** One row of the current tab, one cell per header (missing cells are empty, extra ones are refused). */
    void row(List<?> cells) throws IOException;

    /** Ends the current tab. */
    void endTab() throws IOException;

    /** Completes the file; the underlying stream is flushed but left open for the caller to close. */
    void finish() throws IOException;

    /** Finishes, if not done yet. */
    @Override
    default void close() throws IOException {
        finish();
    }
}

package org.virtguard.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Where an export goes on disk: an xlsx file, a zip of CSV files (a path ending in {@code .zip}), or a directory
 * of CSV files, one per tab, as RVTools' "export all to CSV" writes them. Single files are written beside the
 * target and moved into place, so a failed export never leaves a truncated file under the target's name.
 */
public final class ExportFiles {

    private ExportFiles() {
    }

    /**
     * Writes the export to {@code target}.
     *
     * @return the data rows per tab
     * @throws IOException when the target cannot be written; nothing is left under its name then
     */
    public static Map<String, Integer> write(InventoryExport export, ExportFormat format, Path target)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        if (format == ExportFormat.CSV && !absolute.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
                throw new IOException(target + " exists and is not a directory (give a directory for one CSV file "
                        + "per tab, or a name ending in .zip)");
            }
            try (CsvDirectoryWriter writer = new CsvDirectoryWriter(absolute)) {
                return export.write(writer);
            }
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + absolute.getFileName(), ".partial");
        try {
            Map<String, Integer> rows;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                rows = export.write(format.writer(out));
            }
            try {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return rows;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}

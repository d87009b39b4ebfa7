package org.virtguard.export;

import java.io.OutputStream;
import java.util.Locale;

/** The file formats of the inventory export. */
public enum ExportFormat {
    /** One workbook, one worksheet per tab. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    /** One CSV file per tab: files in a directory, or entries of a zip when written to one stream. */
    CSV("application/zip", "-csv.zip");

    private final String contentType;
    private final String streamSuffix;

    ExportFormat(String contentType, String streamSuffix) {
        this.contentType = contentType;
        this.streamSuffix = streamSuffix;
    }

    /**
     * The format named {@code xlsx} or {@code csv} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values otherwise
     */
    public static ExportFormat parse(String name) {
        if (name != null) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "xlsx" -> {
                    return XLSX;
                }
                case "csv" -> {
                    return CSV;
                }
                default -> {
                }
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name + "' (xlsx or csv)");
    }

    /** The media type of the single-stream form (xlsx, or the zip of CSV files). */
    public String contentType() {
        return contentType;
    }

    /** The file name ending of the single-stream form. */
    public String streamSuffix() {
        return streamSuffix;
    }

    /** A writer of this format into one stream (a zip of CSV files for {@link #CSV}). */
    public TabWriter writer(OutputStream out) {
        return this == XLSX ? new XlsxWriter(out) : new CsvZipWriter(out);
    }
}

package org.virtguard.cli.output;

/** How list commands print. */
public enum OutputFormat {
    /** Aligned columns for people. */
    TABLE,
    /** Full records as a JSON array, for pipelines. */
    JSON,
    /** RFC 4180 CSV with a header row, for spreadsheets. */
    CSV
}

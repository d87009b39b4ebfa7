package org.virtguard.exposure.data;

/**
 * One kind of vulnerability data file (KEV, EPSS, OSV, NVD, build tables, lifecycle): recognises its files,
 * validates and counts their records, and produces what the store keeps. {@link #parse} reads both a file as the
 * user supplies it and the payload a previous parse produced (the store's copy), so a restart re-reads the stored
 * payload, not the user's directory.
 */
public interface DataKind {

    /** Short name, e.g. {@code kev}; also the stored data set's kind. */
    String name();

    /**
     * Whether {@code file} is of this kind.
     *
     * @param head the first bytes of its (decompressed) content
     */
    boolean detects(DataFile file, byte[] head);

    /**
     * Validates the file and counts its records.
     *
     * @throws org.virtguard.exposure.ExposureDataException naming the file and the problem when it must be rejected
     */
    ParsedDataSet parse(DataFile file);
}

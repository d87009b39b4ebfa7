package org.virtguard.exposure.nvd;

/** A record does not have NVD's shape; the message names the field. */
final class RecordSchemaException extends Exception {
    private static final long serialVersionUID = 1L;

    RecordSchemaException(String message) {
        super(message);
    }
}

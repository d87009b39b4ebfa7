package org.virtguard.exposure.osv;

/** An OSV record or file does not have the published OSV shape; the message names the record and field. */
public final class OsvFormatException extends RuntimeException {
    public OsvFormatException(String message) {
        super(message);
    }
}

package org.virtguard.exposure;

/** A vulnerability or lifecycle data file could not be read; the message names the file and the field. */
public class ExposureDataException extends RuntimeException {
    public ExposureDataException(String message) {
        super(message);
    }

    public ExposureDataException(String message, Throwable cause) {
        super(message, cause);
    }
}

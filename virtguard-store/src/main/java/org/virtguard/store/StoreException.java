package org.virtguard.store;

import java.util.Objects;

import org.virtguard.model.ErrorCode;

/**
 * The store could not do what was asked. The message is one line for an operator and never contains
 * a password.
 */
public class StoreException extends RuntimeException {

    private final ErrorCode code;

    /** An error with a code and a one-line message. */
    public StoreException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** An error with a code, a one-line message and the exception that caused it. */
    public StoreException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The machine-readable error code. */
    public ErrorCode code() {
        return code;
    }
}

package org.virtguard.connector.vsphere.soap;

import org.virtguard.model.ErrorCode;

/** A call could not be completed: no connection, TLS refused, connection dropped, or an unreadable answer. */
public final class TransportException extends Exception {

    private final ErrorCode code;

    public TransportException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What kind of failure it was. */
    public ErrorCode code() {
        return code;
    }
}

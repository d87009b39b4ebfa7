package org.virtguard.spi;

import org.virtguard.model.ErrorCode;

/**
 * A source could not be read. The message is one line meant for an operator: it names the source and
 * what went wrong, and never contains a secret.
 */
public class ConnectorException extends Exception {

    private final ErrorCode code;
    private final String sourceId;

    public ConnectorException(ErrorCode code, String sourceId, String message) {
        this(code, sourceId, message, null);
    }

    public ConnectorException(ErrorCode code, String sourceId, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.sourceId = sourceId;
    }

    public ErrorCode code() {
        return code;
    }

    public String sourceId() {
        return sourceId;
    }
}

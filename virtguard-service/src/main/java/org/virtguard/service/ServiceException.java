package org.virtguard.service;

import org.virtguard.model.ErrorCode;

/**
 * A failure of the service to assemble or run, told as one line for the operator. {@link #invalidConfiguration()}
 * says the configuration (file, option or environment) is at fault, so the command line exits with its usage code.
 */
public class ServiceException extends RuntimeException {

    private final ErrorCode code;
    private final boolean invalidConfiguration;

    public ServiceException(ErrorCode code, String message) {
        this(code, message, false);
    }

    public ServiceException(ErrorCode code, String message, boolean invalidConfiguration) {
        super(message);
        this.code = code;
        this.invalidConfiguration = invalidConfiguration;
    }

    /** The configuration is at fault: the file, an option or the environment. */
    public static ServiceException invalid(ErrorCode code, String message) {
        return new ServiceException(code, message, true);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean invalidConfiguration() {
        return invalidConfiguration;
    }
}

package org.virtguard.cli;

import org.virtguard.model.ErrorCode;

/** An error to report to the operator as one line, with an exit code. */
public class CliException extends RuntimeException {

    private final ErrorCode code;
    private final int exitCode;

    public CliException(ErrorCode code, String message) {
        this(code, message, ExitCodes.ERROR);
    }

    public CliException(ErrorCode code, String message, int exitCode) {
        super(message);
        this.code = code;
        this.exitCode = exitCode;
    }

    public ErrorCode code() {
        return code;
    }

    public int exitCode() {
        return exitCode;
    }
}

package org.virtguard.connector.vsphere.actions;

import org.virtguard.model.ErrorCode;

/**
 * An action cannot be planned or failed while running. The message is one line naming the VM and the object
 * concerned (port group, snapshot, template, task); the actuator prefixes the source.
 */
public final class ActionException extends Exception {

    private final ErrorCode code;

    /**
     * @param code    what kind of failure
     * @param message one line naming the VM and what is missing or what failed
     */
    public ActionException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** {@code NOT_FOUND} for a missing VM, port group, NIC, snapshot or template; {@code ACTION_FAILED} otherwise. */
    public ErrorCode code() {
        return code;
    }

    static ActionException notFound(String message) {
        return new ActionException(ErrorCode.NOT_FOUND, message);
    }

    static ActionException failed(String message) {
        return new ActionException(ErrorCode.ACTION_FAILED, message);
    }
}

package org.virtguard.response;

/** A response request refused: why, in one line for the user. */
public final class ResponseException extends RuntimeException {

    /** What kind of refusal, so the API can choose its status code. */
    public enum Reason {
        /** The VM, the action or the source does not exist. */
        NOT_FOUND,
        /** The request is incomplete or contradicts the policy. */
        INVALID,
        /** The caller may not do this (two-person rule, role). */
        FORBIDDEN,
        /** The action is no longer pending (decided, expired or running). */
        CONFLICT,
        /** The hypervisor could not be reached or refused the plan. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final boolean audited;

    public ResponseException(Reason reason, String message) {
        this(reason, message, false);
    }

    /**
     * @param audited whether the service has already written the refusal to the audit log (callers then add none)
     */
    public ResponseException(Reason reason, String message, boolean audited) {
        super(message);
        this.reason = reason;
        this.audited = audited;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the refusal is already in the audit log. */
    public boolean audited() {
        return audited;
    }
}

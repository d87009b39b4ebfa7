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

    public ResponseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

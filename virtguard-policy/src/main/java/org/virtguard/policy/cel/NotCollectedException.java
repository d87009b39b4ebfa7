package org.virtguard.policy.cel;

/** Raised inside a rule when it touches a value that was not collected; the result is NOT_COLLECTED. */
public final class NotCollectedException extends RuntimeException {

    public NotCollectedException(String what) {
        super(what, null, false, false);
    }
}

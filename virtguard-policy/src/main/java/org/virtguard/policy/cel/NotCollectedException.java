package org.virtguard.policy.cel;

/** Raised inside a rule when it touches a value that was not collected; the result is NOT_COLLECTED. */
public final class NotCollectedException extends RuntimeException {

    private final String what;
    private final String reason;

    /** A value not collected, described in one phrase shown to users. */
    public NotCollectedException(String what) {
        this(what, null);
    }

    /**
     * @param what   the value, e.g. "setting isolation.tools.copy.disable"
     * @param reason why the source did not give it (and how to collect it), or null
     */
    public NotCollectedException(String what, String reason) {
        super(reason == null ? what : what + " not collected: " + reason, null, false, false);
        this.what = what;
        this.reason = reason;
    }

    /** The value that was not collected. */
    public String what() {
        return what;
    }

    /** Why, or null when the source gave no reason. */
    public String reason() {
        return reason;
    }
}

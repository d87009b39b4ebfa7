package org.virtguard.server.security;

import java.time.Duration;

/**
 * The outcome of a login attempt. Failures carry one message for unknown users and wrong passwords alike.
 *
 * @param outcome      what happened
 * @param sessionId    the new session id to put in the cookie, or {@code null} when refused
 * @param principal    the logged-in caller, or {@code null} when refused
 * @param retryAfter   how long to wait before trying again ({@link Outcome#THROTTLED}, {@link Outcome#BUSY},
 *                     {@link Outcome#RATE_LIMITED}), or {@code null}
 * @param deviceCookie a new device cookie value to set on success (the browser had none), or {@code null}
 */
public record LoginResult(Outcome outcome, String sessionId, Principal principal, Duration retryAfter,
                          String deviceCookie) {

    /** How a login attempt ended. */
    public enum Outcome {
        SUCCESS,
        /** Wrong password, unknown user or disabled account: indistinguishable. */
        INVALID_CREDENTIALS,
        /** Too many failures for this account from this place (or from unknown places): wait {@code retryAfter}. */
        THROTTLED,
        /** Too many attempts from this address. */
        RATE_LIMITED,
        /** All password-checking capacity is in use; try again shortly. */
        BUSY
    }

    /** A result without a wait or device cookie. */
    public LoginResult(Outcome outcome, String sessionId, Principal principal) {
        this(outcome, sessionId, principal, null, null);
    }

    static LoginResult refused(Outcome outcome, Duration retryAfter) {
        return new LoginResult(outcome, null, null, retryAfter, null);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    /** Whether the logged-in user must set a new password before doing anything else. */
    public boolean passwordChangeRequired() {
        return principal != null && principal.passwordChangeRequired();
    }

    /** Whole seconds to put in {@code Retry-After} (at least 1), or 0 without a wait. */
    public long retryAfterSeconds() {
        if (retryAfter == null) {
            return 0;
        }
        long ms = retryAfter.toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }

    @Override
    public String toString() {
        return "LoginResult[" + outcome + "]";
    }
}

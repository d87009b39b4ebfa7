package org.virtguard.server.security;

/**
 * The outcome of a login attempt. Failures carry one message for unknown users and wrong passwords alike.
 *
 * @param outcome   what happened
 * @param sessionId the new session id to put in the cookie, or {@code null} when refused
 * @param principal the logged-in caller, or {@code null} when refused
 */
public record LoginResult(Outcome outcome, String sessionId, Principal principal) {

    /** How a login attempt ended. */
    public enum Outcome { SUCCESS, INVALID_CREDENTIALS, LOCKED, RATE_LIMITED }

    public boolean succeeded() {
        return outcome == Outcome.SUCCESS;
    }

    @Override
    public String toString() {
        return "LoginResult[" + outcome + "]";
    }
}

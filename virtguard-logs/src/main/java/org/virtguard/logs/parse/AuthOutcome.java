package org.virtguard.logs.parse;

/** What an authentication log line says happened. */
public enum AuthOutcome {
    /** A rejected authentication attempt; counts towards brute-force and spraying thresholds. */
    FAILURE,
    /** An accepted login. */
    SUCCESS,
    /** A session ended. */
    LOGOUT,
    /** An account was locked after failed attempts. */
    LOCKOUT,
    /**
     * Context that is not itself a counted attempt: an unknown account named, a disconnect before
     * authentication, or a PAM line echoing a failure the daemon logs separately.
     */
    NOTICE
}

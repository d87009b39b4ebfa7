package org.virtguard.server.security;

import java.util.Set;

/** What an API token may be used for, beyond its role. */
public final class TokenScope {

    /** Read-only API calls. */
    public static final String READ = "read";
    /** State-changing API calls. */
    public static final String WRITE = "write";
    /** The Prometheus endpoint. */
    public static final String METRICS = "metrics";
    /** User and token management. */
    public static final String ADMIN = "admin";

    /** Every scope a token may carry. */
    public static final Set<String> ALL = Set.of(READ, WRITE, METRICS, ADMIN);

    private TokenScope() {
    }
}

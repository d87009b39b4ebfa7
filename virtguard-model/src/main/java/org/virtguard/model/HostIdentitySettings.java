package org.virtguard.model;

/**
 * Host settings through which a connector tells how it identified a host. The store reads
 * {@link #PREVIOUS_IDS} to re-key the history of a host whose id changed (an id that followed the source id
 * replaced by one from the hypervisor) instead of recording a new host.
 */
public final class HostIdentitySettings {

    /** How the host id was chosen, starting with {@code confirmed:} or {@code unconfirmed:}. */
    public static final String BASIS = "host.identity";
    /** Why the host identity is unconfirmed and how to confirm it; absent when it is confirmed. */
    public static final String NOTE = "host.identity.note";
    /** Comma-separated ids under which the same host may be stored from before (oldest scheme first). */
    public static final String PREVIOUS_IDS = "host.identity.previous-ids";

    private HostIdentitySettings() {
    }
}

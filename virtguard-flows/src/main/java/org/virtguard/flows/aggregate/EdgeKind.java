package org.virtguard.flows.aggregate;

/** What the two ends of an aggregated edge are. */
public enum EdgeKind {
    /** VM to VM, by VM name. */
    VM,
    /** Zone to zone, by zone name. */
    ZONE
}

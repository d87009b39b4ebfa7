package org.virtguard.model;

/** Whether writes to a disk persist. */
public enum DiskMode {
    PERSISTENT, NON_PERSISTENT, INDEPENDENT_PERSISTENT, INDEPENDENT_NON_PERSISTENT, TRANSIENT, UNKNOWN
}

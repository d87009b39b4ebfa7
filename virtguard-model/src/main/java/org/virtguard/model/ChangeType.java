package org.virtguard.model;

/** What happened to an inventory object between two collections. */
public enum ChangeType {
    CREATED,
    REMOVED,
    /** A VM is now on another host. */
    MOVED_HOST,
    /** A vNIC is now attached to another network / port group. */
    NIC_NETWORK_CHANGED,
    NIC_ADDED,
    NIC_REMOVED,
    POWER_STATE_CHANGED,
    /** A security-relevant setting or attribute changed. */
    SETTING_CHANGED,
    /** A source could not be read; its objects are kept but marked stale. */
    SOURCE_STALE,
    /** A stale source was read again. */
    SOURCE_RECOVERED
}

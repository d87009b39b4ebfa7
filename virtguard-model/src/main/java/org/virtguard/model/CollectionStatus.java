package org.virtguard.model;

/** Whether a value was actually read from its source. "Unknown" is never "pass". */
public enum CollectionStatus {
    /** The source reported the value (which may legitimately be empty or absent). */
    COLLECTED,
    /** The value could not be read: not offered by the source, access denied, or not parsed. */
    NOT_COLLECTED
}

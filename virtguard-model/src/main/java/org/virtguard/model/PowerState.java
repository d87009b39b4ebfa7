package org.virtguard.model;

/** A VM's power state, normalised across hypervisors. */
public enum PowerState {
    RUNNING, PAUSED, SUSPENDED, SHUTTING_DOWN, OFF, CRASHED, UNKNOWN
}

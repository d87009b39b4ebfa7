package org.virtguard.model;

/** Whether VirtGuard could reach a host when it was last read. */
public enum ConnectionState {
    CONNECTED, DISCONNECTED, NOT_RESPONDING, MAINTENANCE, UNKNOWN
}

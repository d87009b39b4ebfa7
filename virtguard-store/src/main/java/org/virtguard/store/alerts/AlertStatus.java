package org.virtguard.store.alerts;

/** Where an alert is in its handling. */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, CLOSED
}

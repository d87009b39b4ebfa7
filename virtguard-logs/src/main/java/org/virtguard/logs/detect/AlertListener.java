package org.virtguard.logs.detect;

import org.virtguard.model.Alert;

/** Told when an incident's alert is raised or updated. Called on the detecting thread: return quickly. */
@FunctionalInterface
public interface AlertListener {

    /** How an alert changed. */
    enum Change { CREATED, ESCALATED, UPDATED }

    void onAlert(Alert alert, Change change);

    /** A listener that ignores everything. */
    static AlertListener none() {
        return (alert, change) -> { };
    }
}

package org.virtguard.response;

import java.util.Objects;

/**
 * What to do when an alert of a kind is raised.
 *
 * @param alertKind alert kind, e.g. {@code lifecycle.dormant-vm-returned}
 * @param action    action kind, e.g. {@code quarantine}
 */
public record Trigger(String alertKind, String action, TriggerMode mode) {
    public Trigger {
        Objects.requireNonNull(alertKind, "alertKind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mode, "mode");
    }
}

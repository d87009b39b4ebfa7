package org.virtguard.response;

import java.util.Objects;

/**
 * What to do when an alert of a kind is raised.
 *
 * @param alertKind alert kind, e.g. {@code lifecycle.dormant-vm-returned}
 * @param action    action kind, e.g. {@code quarantine}
 * @param method    for a quarantine, the method this trigger uses, or {@code null} for the policy's
 */
public record Trigger(String alertKind, String action, TriggerMode mode, QuarantineMethod method) {
    public Trigger {
        Objects.requireNonNull(alertKind, "alertKind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mode, "mode");
    }

    /** A trigger that uses the policy's quarantine method. */
    public Trigger(String alertKind, String action, TriggerMode mode) {
        this(alertKind, action, mode, null);
    }
}

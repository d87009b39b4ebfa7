package org.virtguard.response;

import java.util.Locale;

/** What a response policy trigger does when its alert is raised. */
public enum TriggerMode {
    /** Only the alert (the default). */
    ALERT_ONLY,
    /** Files a request that a second admin must approve. */
    REQUEST,
    /** Carries the action out at once; allowed only for actions that are not destructive. */
    AUTOMATIC;

    /** The name used in policy files, e.g. {@code alert-only}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static TriggerMode parse(String text) {
        for (TriggerMode m : values()) {
            if (m.fileName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "' (alert-only, request, automatic)");
    }
}

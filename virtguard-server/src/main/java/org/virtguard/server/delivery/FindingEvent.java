package org.virtguard.server.delivery;

import java.time.Instant;
import java.util.Objects;

import org.virtguard.model.Finding;

/**
 * A change of a finding worth telling other tools about.
 *
 * @param event   {@link #OPENED} (new or reopened failing finding) or {@link #RESOLVED}
 * @param at      when the evaluation that saw the change was recorded
 * @param finding the finding as last reported
 */
public record FindingEvent(String event, Instant at, Finding finding) {

    /** A finding that is new, or came back after it was resolved. */
    public static final String OPENED = "finding.opened";
    /** A finding the latest evaluation no longer reported. */
    public static final String RESOLVED = "finding.resolved";

    public FindingEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(finding, "finding");
    }
}

package org.virtguard.server.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.virtguard.model.CheckStatus;
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

    private static final Set<CheckStatus> NEWS = Set.of(CheckStatus.FAIL, CheckStatus.ERROR);

    /**
     * The event for a finding an evaluation opened or resolved, when it is news: the finding's status (for a
     * resolved one, its last status) is FAIL or ERROR. Excepted or not collected findings are not news.
     */
    public static Optional<FindingEvent> ifNews(String event, Instant at, Finding finding) {
        return NEWS.contains(finding.status()) ? Optional.of(new FindingEvent(event, at, finding)) : Optional.empty();
    }

    public FindingEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(finding, "finding");
    }
}

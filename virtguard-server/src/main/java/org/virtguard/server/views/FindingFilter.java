package org.virtguard.server.views;

import org.virtguard.model.Severity;

/**
 * Filters of the findings list; {@code null} fields do not filter.
 *
 * @param minSeverity only findings at or above this severity
 * @param checkId     only this check
 * @param zone        only resources in this trust zone
 * @param hostId      only resources on this host
 * @param state       only findings in this state (e.g. {@code FAIL}, {@code EXCEPTED}, {@code NOT_COLLECTED})
 */
public record FindingFilter(Severity minSeverity, String checkId, String zone, String hostId, String state) {
}

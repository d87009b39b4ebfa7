package org.virtguard.server.views;

import org.virtguard.model.Severity;

/**
 * Filters of the findings list; {@code null} fields do not filter.
 *
 * @param minSeverity only findings at or above this severity
 * @param checkId     only this check
 * @param zone        only resources in this trust zone
 * @param hostId      only resources on this host
 * @param state       only findings in this state: {@code OPEN} (the default), {@code RESOLVED}, or a check status
 *                    ({@code FAIL}, {@code EXCEPTED}, {@code NOT_COLLECTED}, {@code ERROR}) of open findings
 * @param area        only checks of this area (the folder of the check, e.g. {@code zones}, {@code layer2})
 * @param vmId        only findings about this VM or its vNICs
 */
public record FindingFilter(Severity minSeverity, String checkId, String zone, String hostId, String state,
                            String area, String vmId) {

    /** A filter without a VM. */
    public FindingFilter(Severity minSeverity, String checkId, String zone, String hostId, String state, String area) {
        this(minSeverity, checkId, zone, hostId, state, area, null);
    }

    /** A filter without an area. */
    public FindingFilter(Severity minSeverity, String checkId, String zone, String hostId, String state) {
        this(minSeverity, checkId, zone, hostId, state, null);
    }

    /** No filter: every open finding. */
    public static FindingFilter none() {
        return new FindingFilter(null, null, null, null, null, null, null);
    }
}

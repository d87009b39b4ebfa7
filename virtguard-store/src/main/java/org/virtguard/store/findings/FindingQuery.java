package org.virtguard.store.findings;

import java.util.Locale;

import org.virtguard.model.CheckStatus;
import org.virtguard.model.Severity;

/**
 * Filters of the findings list; {@code null} fields do not filter.
 *
 * @param minSeverity only findings at or above this severity
 * @param checkId     only this check
 * @param area        only checks of this area
 * @param zone        only resources in this zone
 * @param hostId      only resources on this host (or this host itself)
 * @param state       {@code null} or {@code OPEN}: open findings; {@code ACTIONABLE}: open ones except
 *                    NOT_COLLECTED; {@code RESOLVED}: resolved ones; a
 *                    {@link CheckStatus} name ({@code FAIL}, {@code EXCEPTED}, ...): open findings in that status
 * @param vmId        only findings about this VM or its vNICs
 */
public record FindingQuery(Severity minSeverity, String checkId, String area, String zone, String hostId,
                           String state, String vmId) {

    /** State value selecting open findings (the default). */
    public static final String OPEN = "OPEN";
    /**
     * State value selecting open findings that have a result: every open one except NOT_COLLECTED (FAIL, EXCEPTED,
     * ERROR). The console lists these first and shows what was not collected in a view of its own.
     */
    public static final String ACTIONABLE = "ACTIONABLE";
    /** State value selecting resolved findings. */
    public static final String RESOLVED = "RESOLVED";

    /**
     * Normalises the state to upper case.
     *
     * @throws IllegalArgumentException when the state is neither OPEN, RESOLVED nor a check status
     */
    public FindingQuery {
        state = blankToNull(state);
        checkId = blankToNull(checkId);
        area = blankToNull(area);
        zone = blankToNull(zone);
        hostId = blankToNull(hostId);
        vmId = blankToNull(vmId);
        if (state != null) {
            state = state.toUpperCase(Locale.ROOT);
            if (!state.equals(OPEN) && !state.equals(RESOLVED) && !state.equals(ACTIONABLE)) {
                try {
                    CheckStatus.valueOf(state);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown finding state '" + state
                            + "' (open, actionable, resolved, or a check status such as fail, excepted, not_collected)");
                }
            }
        }
    }

    /** A query without a VM filter. */
    public FindingQuery(Severity minSeverity, String checkId, String area, String zone, String hostId, String state) {
        this(minSeverity, checkId, area, zone, hostId, state, null);
    }

    /** Every open finding. */
    public static FindingQuery open() {
        return new FindingQuery(null, null, null, null, null, null);
    }

    boolean resolved() {
        return RESOLVED.equals(state);
    }

    /** The check status to match, or {@code null}. */
    String status() {
        return state == null || state.equals(OPEN) || state.equals(RESOLVED) || state.equals(ACTIONABLE) ? null
                : state;
    }

    /** Whether NOT_COLLECTED findings are left out ({@link #ACTIONABLE}). */
    boolean actionable() {
        return ACTIONABLE.equals(state);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

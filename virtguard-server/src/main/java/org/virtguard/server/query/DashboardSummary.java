package org.virtguard.server.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.virtguard.store.findings.TrendPoint;

import org.virtguard.model.InventoryChange;

/**
 * The posture numbers the dashboard shows; the console and {@code GET /api/v1/dashboard} render the same
 * object, so they always agree.
 *
 * @param at                  when it was computed
 * @param hosts               current hosts
 * @param vms                 current VMs (templates included)
 * @param runningVms          VMs powered on
 * @param sources             known sources
 * @param staleSources        sources whose data is stale
 * @param openAlertsBySeverity open alerts by severity name
 * @param failingBySeverity   failing findings by severity name, or {@code null} without a policy engine
 * @param recentChanges       the newest inventory changes, newest first
 * @param failingByArea       failing findings by check area, then severity name, or {@code null} without a
 *                            policy engine
 * @param trend               failing findings after each of the latest evaluations, oldest first, or
 *                            {@code null} without a policy engine
 * @param findingsByStatus    open findings by status name (FAIL, EXCEPTED, ERROR, NOT_COLLECTED; not-collected ones
 *                            are counted apart from failures), or {@code null} without a policy engine
 */
public record DashboardSummary(Instant at, int hosts, int vms, int runningVms, int sources, int staleSources,
                               Map<String, Long> openAlertsBySeverity, Map<String, Long> failingBySeverity,
                               List<InventoryChange> recentChanges, Map<String, Map<String, Long>> failingByArea,
                               List<TrendPoint> trend, Map<String, Long> findingsByStatus) {
}

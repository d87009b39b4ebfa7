package org.virtguard.logs;

import java.util.List;
import java.util.Map;

import org.virtguard.logs.intake.IntakeCounter;
import org.virtguard.model.Alert;

/**
 * What an offline analysis found.
 *
 * @param alerts   the incidents, most severe first
 * @param counters what the intake counted, including every skipped line
 */
public record LogAnalysis(List<Alert> alerts, Map<IntakeCounter, Long> counters) {
    public LogAnalysis {
        alerts = List.copyOf(alerts);
        counters = Map.copyOf(counters);
    }
}

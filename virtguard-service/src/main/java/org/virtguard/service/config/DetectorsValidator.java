package org.virtguard.service.config;

import static org.virtguard.service.config.ConfigProblems.index;

import java.time.Duration;

/**
 * Checks detector thresholds against the limits the detectors themselves accept: those of
 * {@code org.virtguard.flows.evaluate.DetectorSettings} and {@code org.virtguard.logs.detect.DetectorConfig}.
 */
final class DetectorsValidator {

    /** Smallest count of distinct targets a flow detector takes (one target is no scan). */
    static final int MIN_FLOW_TARGETS = 2;
    /** Largest count of failures, accounts or sources an authentication detector takes. */
    static final int MAX_AUTH_THRESHOLD = 1000;
    static final Duration DEFAULT_AUTH_WINDOW = Duration.ofMinutes(15);
    static final Duration DEFAULT_AUTH_SLOW_WINDOW = Duration.ofHours(24);
    /** Largest alert cap, per source or overall. */
    static final int MAX_ALERT_CAP = 1_000_000;
    /** Shortest and longest window of the alert caps. */
    static final Duration MIN_CAP_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_CAP_WINDOW = Duration.ofDays(1);

    private DetectorsValidator() {
    }

    static void validate(DetectorsConfig detectors, ValueChecks checks) {
        flows(detectors.flows(), checks);
        auth(detectors.auth(), checks);
        caps(detectors.caps(), checks);
    }

    private static void caps(DetectorsConfig.AlertCaps caps, ValueChecks checks) {
        checks.range("detectors.caps.perSource", caps.perSource(), 1, MAX_ALERT_CAP);
        checks.range("detectors.caps.global", caps.global(), 1, MAX_ALERT_CAP);
        if (caps.perSource() > caps.global()) {
            checks.problems().value("detectors.caps.perSource", "is larger than detectors.caps.global ("
                    + caps.perSource() + " > " + caps.global() + ")");
        }
        Duration window = checks.duration("detectors.caps.window", caps.window());
        if (window != null && (window.compareTo(MIN_CAP_WINDOW) < 0 || window.compareTo(MAX_CAP_WINDOW) > 0)) {
            checks.problems().value("detectors.caps.window", caps.window() + " is out of range (1s to 24h)");
        }
    }

    private static void flows(DetectorsConfig.FlowDetectors flows, ValueChecks checks) {
        checks.duration("detectors.flows.window", flows.window());
        checks.range("detectors.flows.portScanPorts", flows.portScanPorts(), MIN_FLOW_TARGETS, Integer.MAX_VALUE);
        checks.range("detectors.flows.hostSweepHosts", flows.hostSweepHosts(), MIN_FLOW_TARGETS, Integer.MAX_VALUE);
        checks.range("detectors.flows.fanOutVms", flows.fanOutVms(), MIN_FLOW_TARGETS, Integer.MAX_VALUE);
        if (flows.managementPorts() != null) {
            for (int i = 0; i < flows.managementPorts().size(); i++) {
                checks.port(index("detectors.flows.managementPorts", i), flows.managementPorts().get(i), "TCP",
                        false);
            }
        }
    }

    private static void auth(DetectorsConfig.AuthDetectors auth, ValueChecks checks) {
        checks.range("detectors.auth.failures", auth.failures(), 1, MAX_AUTH_THRESHOLD);
        checks.range("detectors.auth.slowFailures", auth.slowFailures(), 1, MAX_AUTH_THRESHOLD);
        checks.range("detectors.auth.sprayAccounts", auth.sprayAccounts(), 1, MAX_AUTH_THRESHOLD);
        checks.range("detectors.auth.distributedSources", auth.distributedSources(), 1, MAX_AUTH_THRESHOLD);
        checks.range("detectors.auth.takeoverFailures", auth.takeoverFailures(), 1, Integer.MAX_VALUE);
        checks.range("detectors.auth.lockoutStorm", auth.lockoutStorm(), 1, Integer.MAX_VALUE);
        Duration window = auth.window() == null ? DEFAULT_AUTH_WINDOW
                : checks.duration("detectors.auth.window", auth.window());
        Duration slowWindow = auth.slowWindow() == null ? DEFAULT_AUTH_SLOW_WINDOW
                : checks.duration("detectors.auth.slowWindow", auth.slowWindow());
        if (window != null && slowWindow != null && slowWindow.compareTo(window) < 0) {
            checks.problems().value(auth.slowWindow() != null ? "detectors.auth.slowWindow" : "detectors.auth.window",
                    "slowWindow (" + slowWindow + ") is shorter than window (" + window + ")");
        }
    }
}

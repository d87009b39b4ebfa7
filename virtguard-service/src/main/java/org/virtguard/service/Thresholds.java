package org.virtguard.service;

import java.time.Duration;
import java.util.HashSet;

import org.virtguard.flows.evaluate.DetectorSettings;
import org.virtguard.logs.detect.DetectorConfig;
import org.virtguard.model.ErrorCode;
import org.virtguard.service.config.DetectorsConfig;
import org.virtguard.service.config.Durations;

/** The detectors' thresholds from the configuration: what is left out keeps the detector's default. */
final class Thresholds {

    private Thresholds() {
    }

    static DetectorSettings flows(DetectorsConfig.FlowDetectors c) {
        DetectorSettings d = DetectorSettings.defaults();
        try {
            return new DetectorSettings(c.window() == null ? d.window() : Durations.parse(c.window()),
                    or(c.portScanPorts(), d.portScanPorts()), or(c.hostSweepHosts(), d.hostSweepHosts()),
                    or(c.fanOutVms(), d.fanOutVms()),
                    c.managementPorts() == null ? d.managementPorts() : new HashSet<>(c.managementPorts()),
                    d.evidenceFlows(), d.maxTrackedSources());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "detectors.flows: " + e.getMessage());
        }
    }

    static DetectorConfig auth(DetectorsConfig.AuthDetectors c) {
        DetectorConfig d = DetectorConfig.defaults();
        try {
            Duration window = c.window() == null ? d.window() : Durations.parse(c.window());
            Duration slowWindow = c.slowWindow() == null ? d.slowWindow() : Durations.parse(c.slowWindow());
            return new DetectorConfig(or(c.failures(), d.failures()), window, or(c.slowFailures(), d.slowFailures()),
                    slowWindow, or(c.sprayAccounts(), d.sprayAccounts()),
                    or(c.distributedSources(), d.distributedSources()), or(c.takeoverFailures(), d.takeoverFailures()),
                    or(c.lockoutStorm(), d.lockoutStorm()), d.maxTrackedKeys(), d.evidenceLines());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(ErrorCode.INVALID_CONFIG, "detectors.auth: " + e.getMessage());
        }
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}

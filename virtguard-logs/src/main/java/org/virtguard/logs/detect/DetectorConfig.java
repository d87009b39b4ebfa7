package org.virtguard.logs.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the authentication detectors. The defaults follow the DISA STIG lockout guidance (three failed
 * attempts within 15 minutes) and add a 24-hour window with five failures for slow attacks that stay under
 * the short one.
 *
 * @param failures            failures from one source to one host within {@code window} that make a brute force
 * @param window              the short window
 * @param slowFailures        failures from one source to one host within {@code slowWindow} that make a slow brute force
 * @param slowWindow          the long window
 * @param sprayAccounts       distinct accounts one source tries within {@code slowWindow} that make password spraying
 * @param distributedSources  distinct sources trying one account on one host within {@code slowWindow}
 * @param takeoverFailures    failures from a source within {@code slowWindow} before a success that make it a likely takeover
 * @param lockoutStorm        lockouts within {@code window} (any host, any account) that make a lockout storm
 * @param maxTrackedKeys      bound on tracked sources, accounts and incidents; the least recently seen go first
 * @param evidenceLines       raw lines kept per alert
 */
public record DetectorConfig(int failures, Duration window, int slowFailures, Duration slowWindow, int sprayAccounts,
                             int distributedSources, int takeoverFailures, int lockoutStorm, int maxTrackedKeys,
                             int evidenceLines) {

    public DetectorConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(slowWindow, "slowWindow");
        positive("failures", failures);
        positive("slowFailures", slowFailures);
        positive("sprayAccounts", sprayAccounts);
        positive("distributedSources", distributedSources);
        positive("takeoverFailures", takeoverFailures);
        positive("lockoutStorm", lockoutStorm);
        positive("maxTrackedKeys", maxTrackedKeys);
        positive("evidenceLines", evidenceLines);
        if (window.isNegative() || window.isZero() || slowWindow.compareTo(window) < 0) {
            throw new IllegalArgumentException("windows must be positive and slowWindow >= window: " + window + ", "
                    + slowWindow);
        }
        if (failures > 1000 || slowFailures > 1000 || sprayAccounts > 1000 || distributedSources > 1000) {
            throw new IllegalArgumentException("thresholds above 1000 are not supported");
        }
    }

    /** STIG defaults: 3 failures / 15 min, 5 / 24 h, 5 accounts, 10 sources, 3 failures before a success, 3 lockouts, 50,000 tracked keys, 10 evidence lines. */
    public static DetectorConfig defaults() {
        return new DetectorConfig(3, Duration.ofMinutes(15), 5, Duration.ofHours(24), 5, 10, 3, 3, 50_000, 10);
    }

    /** A copy with other spraying and distributed-guessing thresholds. */
    public DetectorConfig withBreadth(int accounts, int sources) {
        return new DetectorConfig(failures, window, slowFailures, slowWindow, accounts, sources, takeoverFailures,
                lockoutStorm, maxTrackedKeys, evidenceLines);
    }

    /** A copy with another number of failures before a success that make it a likely takeover. */
    public DetectorConfig withTakeoverFailures(int n) {
        return new DetectorConfig(failures, window, slowFailures, slowWindow, sprayAccounts, distributedSources, n,
                lockoutStorm, maxTrackedKeys, evidenceLines);
    }

    /** A copy with another short-window threshold. */
    public DetectorConfig withFailures(int n) {
        return new DetectorConfig(n, window, slowFailures, slowWindow, sprayAccounts, distributedSources,
                takeoverFailures, lockoutStorm, maxTrackedKeys, evidenceLines);
    }

    /** A copy with another slow-window threshold and length. */
    public DetectorConfig withSlow(int n, Duration length) {
        return new DetectorConfig(failures, window, n, length, sprayAccounts, distributedSources, takeoverFailures,
                lockoutStorm, maxTrackedKeys, evidenceLines);
    }

    /** A copy with another short window. */
    public DetectorConfig withWindow(Duration length) {
        return new DetectorConfig(failures, length, slowFailures, slowWindow, sprayAccounts, distributedSources,
                takeoverFailures, lockoutStorm, maxTrackedKeys, evidenceLines);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}

package org.virtguard.service.config;

import java.util.List;

/**
 * Detector thresholds; anything left out keeps its default.
 *
 * @param flows flow detectors
 * @param auth  authentication detectors
 * @param caps  caps on new alerts per detector kind, beyond which alerts fold into one flood alert
 */
public record DetectorsConfig(FlowDetectors flows, AuthDetectors auth, AlertCaps caps) {

    public DetectorsConfig {
        flows = flows == null ? new FlowDetectors(null, null, null, null, null) : flows;
        auth = auth == null ? new AuthDetectors(null, null, null, null, null, null, null, null) : auth;
        caps = caps == null ? new AlertCaps(null, null, null) : caps;
    }

    public static DetectorsConfig defaults() {
        return new DetectorsConfig(null, null, null);
    }

    /**
     * Caps on how many new alerts one detector kind (e.g. {@code auth.bruteforce}) may raise in a window, so that a
     * flood (spoofed syslog, forged flows) becomes one flood alert with counts instead of thousands of alerts.
     * Updates of alerts already raised always pass.
     *
     * @param window    the window the caps count in (default {@code 10m})
     * @param perSource new alerts of one kind attributed to one source address per window (default 20)
     * @param global    new alerts of one kind per window, all sources together (default 200)
     */
    public record AlertCaps(String window, Integer perSource, Integer global) {

        /** Default window of the caps. */
        public static final String DEFAULT_WINDOW = "10m";
        /** Default cap per source address. */
        public static final int DEFAULT_PER_SOURCE = 20;
        /** Default cap over all sources. */
        public static final int DEFAULT_GLOBAL = 200;

        public AlertCaps {
            window = window == null ? DEFAULT_WINDOW : window;
            perSource = perSource == null ? DEFAULT_PER_SOURCE : perSource;
            global = global == null ? DEFAULT_GLOBAL : global;
        }
    }

    /**
     * Flow detector thresholds.
     *
     * @param window          sliding window (default {@code 60s})
     * @param portScanPorts   distinct destination ports from one source that make a port scan (default 50)
     * @param hostSweepHosts  distinct destination addresses that make a host sweep (default 30)
     * @param fanOutVms       distinct VMs one VM connects to that make lateral fan-out (default 10)
     * @param managementPorts ports of management interfaces (default 22, 443, 902, 8006, 16509, 16514)
     */
    public record FlowDetectors(String window, Integer portScanPorts, Integer hostSweepHosts, Integer fanOutVms,
                                List<Integer> managementPorts) {
    }

    /**
     * Authentication detector thresholds (defaults follow the DISA STIG: 3 failures in 15 minutes).
     *
     * @param failures           failures from one source to one host within {@code window}
     * @param window             the short window
     * @param slowFailures       failures within {@code slowWindow} (slow attacks)
     * @param slowWindow         the long window
     * @param sprayAccounts      accounts one source tries within the long window (spraying)
     * @param distributedSources sources trying one account within the long window
     * @param takeoverFailures   failures before a success that make a likely takeover
     * @param lockoutStorm       lockouts within the short window that make a storm
     */
    public record AuthDetectors(Integer failures, String window, Integer slowFailures, String slowWindow,
                                Integer sprayAccounts, Integer distributedSources, Integer takeoverFailures,
                                Integer lockoutStorm) {
    }
}

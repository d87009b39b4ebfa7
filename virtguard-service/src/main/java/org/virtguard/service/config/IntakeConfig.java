package org.virtguard.service.config;

/**
 * The traffic listeners. Each is off unless configured.
 *
 * @param flows  NetFlow v5/v9, IPFIX and sFlow collector
 * @param syslog syslog receiver for the authentication detectors
 */
public record IntakeConfig(FlowIntakeConfig flows, SyslogIntakeConfig syslog) {

    public static IntakeConfig none() {
        return new IntakeConfig(null, null);
    }
}

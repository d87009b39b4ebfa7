package org.virtguard.service.config;

import java.util.List;

/**
 * Vulnerability data for the exposure findings, read from files the operator downloads.
 *
 * @param kev        the CISA KEV catalogue (JSON or CSV), or {@code null}: findings then use the KEV catalogue loaded
 *                   with {@code virtguard exposure update}, if any, else cannot say whether a CVE is known exploited
 * @param advisories additional advisory files; the bundled advisories always apply
 * @param maxDataAge loaded vulnerability data older than this (its own date, else its load time) is reported as
 *                   stale in the exposure report, the console and {@code /readyz}; default {@code 7d}
 */
public record ExposureConfig(String kev, List<String> advisories, String maxDataAge) {

    /** The default of {@code maxDataAge}. */
    public static final String DEFAULT_MAX_DATA_AGE = "7d";

    public ExposureConfig {
        advisories = List.copyOf(advisories == null ? List.of() : advisories);
        maxDataAge = maxDataAge == null ? DEFAULT_MAX_DATA_AGE : maxDataAge;
    }

    public ExposureConfig(String kev, List<String> advisories) {
        this(kev, advisories, null);
    }

    public static ExposureConfig none() {
        return new ExposureConfig(null, List.of());
    }
}

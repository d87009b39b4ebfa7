package org.virtguard.service.config;

import java.util.List;

/**
 * Vulnerability data for the exposure findings, read from files the operator downloads.
 *
 * @param kev        the CISA KEV catalogue (JSON or CSV), or {@code null}: findings then use the KEV catalogue loaded
 *                   with {@code virtguard exposure update}, if any, else cannot say whether a CVE is known exploited
 * @param advisories additional advisory files; the bundled advisories always apply
 * @param nvd        NVD CVE data: API 2.0 records or responses, yearly feeds ({@code .json}, {@code .json.gz}) or
 *                   directories of them
 * @param builds     ESXi/vCenter build tables (virten.net layout or KB-style lists) that place a build's update level
 * @param maxDataAge loaded vulnerability data older than this (its own date, else its load time) is reported as
 *                   stale in the exposure report, the console and {@code /readyz}; default {@code 7d}
 */
public record ExposureConfig(String kev, List<String> advisories, List<String> nvd, List<String> builds,
        String maxDataAge) {

    /** The default of {@code maxDataAge}. */
    public static final String DEFAULT_MAX_DATA_AGE = "7d";

    public ExposureConfig {
        advisories = List.copyOf(advisories == null ? List.of() : advisories);
        nvd = List.copyOf(nvd == null ? List.of() : nvd);
        builds = List.copyOf(builds == null ? List.of() : builds);
        maxDataAge = maxDataAge == null ? DEFAULT_MAX_DATA_AGE : maxDataAge;
    }

    /** Without NVD data or build tables, with the default data age. */
    public ExposureConfig(String kev, List<String> advisories) {
        this(kev, advisories, List.of(), List.of(), null);
    }

    /** With NVD data and build tables, with the default data age. */
    public ExposureConfig(String kev, List<String> advisories, List<String> nvd, List<String> builds) {
        this(kev, advisories, nvd, builds, null);
    }

    /** Without NVD data or build tables. */
    public ExposureConfig(String kev, List<String> advisories, String maxDataAge) {
        this(kev, advisories, List.of(), List.of(), maxDataAge);
    }

    public static ExposureConfig none() {
        return new ExposureConfig(null, List.of());
    }
}

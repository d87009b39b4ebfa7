package org.virtguard.service.config;

import java.util.List;

/**
 * Vulnerability data for the exposure findings, read from files the operator downloads.
 *
 * @param kev        the CISA KEV catalogue (JSON or CSV), or {@code null}: findings then cannot say whether a CVE
 *                   is known exploited
 * @param advisories additional advisory files; the bundled advisories always apply
 * @param nvd        NVD CVE data: API 2.0 records or responses, yearly feeds ({@code .json}, {@code .json.gz}) or
 *                   directories of them
 * @param builds     ESXi/vCenter build tables (virten.net layout or KB-style lists) that place a build's update level
 */
public record ExposureConfig(String kev, List<String> advisories, List<String> nvd, List<String> builds) {

    public ExposureConfig {
        advisories = List.copyOf(advisories == null ? List.of() : advisories);
        nvd = List.copyOf(nvd == null ? List.of() : nvd);
        builds = List.copyOf(builds == null ? List.of() : builds);
    }

    /** Without NVD data or build tables. */
    public ExposureConfig(String kev, List<String> advisories) {
        this(kev, advisories, List.of(), List.of());
    }

    public static ExposureConfig none() {
        return new ExposureConfig(null, List.of());
    }
}

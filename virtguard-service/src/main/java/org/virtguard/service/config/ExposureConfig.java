package org.virtguard.service.config;

import java.util.List;

/**
 * Vulnerability data for the exposure findings, read from files the operator downloads.
 *
 * @param kev        the CISA KEV catalogue (JSON or CSV), or {@code null}: findings then cannot say whether a CVE
 *                   is known exploited
 * @param advisories additional advisory files; the bundled advisories always apply
 */
public record ExposureConfig(String kev, List<String> advisories) {

    public ExposureConfig {
        advisories = List.copyOf(advisories == null ? List.of() : advisories);
    }

    public static ExposureConfig none() {
        return new ExposureConfig(null, List.of());
    }
}

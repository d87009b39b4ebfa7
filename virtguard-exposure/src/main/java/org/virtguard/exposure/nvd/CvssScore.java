package org.virtguard.exposure.nvd;

/**
 * The CVSS base score NVD gives a CVE (its primary score of the newest CVSS version present).
 *
 * @param version   {@code 3.1}, {@code 3.0} or {@code 2.0}
 * @param baseScore 0.0 – 10.0
 * @param severity  {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code NONE}
 * @param vector    the vector string
 * @param source    who scored it ({@code nvd@nist.gov} or a CNA)
 */
public record CvssScore(String version, double baseScore, String severity, String vector, String source) {
}

package org.virtguard.exposure.nvd;

import java.time.LocalDate;
import java.util.List;

/**
 * One CVE as NVD publishes it, with the file it was read from.
 *
 * @param id             e.g. {@code CVE-2021-21974}
 * @param published      publication date, or {@code null}
 * @param lastModified   NVD's last modification date, or {@code null}
 * @param status         NVD's {@code vulnStatus} ({@code Analyzed}, {@code Modified}, {@code Awaiting Analysis} …)
 * @param description    the English description
 * @param cvss           the base score, or {@code null} when NVD has none yet
 * @param cwes           CWE ids
 * @param references     reference URLs
 * @param configurations the CPE configurations; empty when NVD has not analysed the CVE
 * @param kevDateAdded   {@code cisaExploitAdd} when CISA lists the CVE as known exploited, else {@code null}
 * @param kevName        {@code cisaVulnerabilityName}, or {@code null}
 * @param source         the file (and record position) it came from
 */
public record CveRecord(String id, LocalDate published, LocalDate lastModified, String status, String description,
                        CvssScore cvss, List<String> cwes, List<String> references,
                        List<Configuration> configurations, LocalDate kevDateAdded, String kevName, String source) {

    public CveRecord {
        cwes = List.copyOf(cwes);
        references = List.copyOf(references);
        configurations = List.copyOf(configurations);
    }

    /** Whether NVD has attached CPE configurations, i.e. the record can be matched at all. */
    public boolean analysed() {
        return !configurations.isEmpty();
    }
}

package org.virtguard.exposure;

import java.time.LocalDate;

/**
 * One entry of the CISA Known Exploited Vulnerabilities catalogue.
 *
 * @param cveId              e.g. {@code CVE-2025-22224}
 * @param vendor             vendorProject
 * @param product            product
 * @param name               vulnerabilityName
 * @param dateAdded          when CISA added it
 * @param dueDate            the remediation due date for US federal agencies (BOD 22-01)
 * @param ransomwareUse      knownRansomwareCampaignUse ({@code Known} or {@code Unknown})
 * @param requiredAction     what CISA requires
 */
public record KevEntry(String cveId, String vendor, String product, String name, LocalDate dateAdded,
                       LocalDate dueDate, String ransomwareUse, String requiredAction) {

    public boolean usedByRansomware() {
        return "Known".equalsIgnoreCase(ransomwareUse);
    }
}

package org.virtguard.exposure.support;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The support lifecycle of one release line of a product, with its source.
 *
 * @param product                 e.g. {@code esxi}, {@code vcenter}, {@code proxmox-ve}, {@code debian}
 * @param line                    version prefix, e.g. {@code 6.5}, {@code 12}
 * @param name                    e.g. {@code VMware ESXi 6.5}
 * @param endOfGeneralSupport     as published: {@code YYYY-MM-DD} or {@code YYYY-MM}
 * @param endOfSupport            end of the last support phase, as published
 * @param generalSupportEndsFixes whether security fixes stop (or need another subscription) after general support
 * @param afterGeneralSupport     what the phase between the two dates provides
 * @param source                  the vendor page
 * @param retrieved               when the row was written from that page
 */
public record SupportRelease(String product, String line, String name, String endOfGeneralSupport, String endOfSupport,
                             boolean generalSupportEndsFixes, String afterGeneralSupport, String source,
                             String retrieved) {

    /** The last day of general support (the month's last day for a month). */
    public LocalDate generalSupportLastDay() {
        return lastDay(endOfGeneralSupport);
    }

    /** The last day of any support (the month's last day for a month). */
    public LocalDate supportLastDay() {
        return lastDay(endOfSupport);
    }

    static LocalDate lastDay(String published) {
        if (published.length() == 7) {
            return YearMonth.parse(published).atEndOfMonth();
        }
        return LocalDate.parse(published);
    }
}

package org.virtguard.service.config;

/**
 * {@code disk:} what the service does as the disk of its data directory fills, and when its stored data has grown
 * large enough to tell an operator. Sizes as in {@link ByteSizes} ({@code 64MB}).
 *
 * @param minFree          below this much free space on the data directory's filesystem, writes to the embedded
 *                         store are refused (503 {@code STORE_DISK_FULL}) while reads go on; at most a tenth of
 *                         the filesystem is kept back (default {@code 64MB})
 * @param warnFree         below this much free space readiness reports the disk degraded, {@code /metrics} shows
 *                         the alarm and one line is logged (default {@code 256MB})
 * @param storeAlarm       alarm when the embedded store's files grow larger (default {@code 8GB})
 * @param auditAlarm       alarm when the audit log holds more entries (default {@code 10000000})
 * @param spoolAlarm       alarm when the delivery spools ({@code dataDir/spool}) hold more (default {@code 64MB})
 * @param outageAlarm      alarm when writes kept during a store outage ({@code dataDir/outage}) take more (default
 *                         {@code 64MB})
 */
public record DiskConfig(String minFree, String warnFree, String storeAlarm, Integer auditAlarm, String spoolAlarm,
                         String outageAlarm) {

    public DiskConfig {
        minFree = minFree == null ? "64MB" : minFree;
        warnFree = warnFree == null ? "256MB" : warnFree;
        storeAlarm = storeAlarm == null ? "8GB" : storeAlarm;
        auditAlarm = auditAlarm == null ? 10_000_000 : auditAlarm;
        spoolAlarm = spoolAlarm == null ? "64MB" : spoolAlarm;
        outageAlarm = outageAlarm == null ? "64MB" : outageAlarm;
    }

    public static DiskConfig defaults() {
        return new DiskConfig(null, null, null, null, null, null);
    }
}

package org.virtguard.exposure.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which loaded data sets are older than the configured age (measured from the data's own date, else the load time).
 * Lifecycle overrides and build tables are not feeds and do not go stale this way.
 */
public final class DataFreshness {

    private DataFreshness() {
    }

    /** Warnings for people, one per stale data set; a note when no vulnerability feed is loaded at all. */
    public static List<String> warnings(List<DataSetInfo> sets, Duration maxAge, Instant now) {
        List<String> warnings = new ArrayList<>();
        for (DataSetInfo s : stale(sets, maxAge, now)) {
            long days = Duration.between(s.effectiveDate(), now).toDays();
            warnings.add("vulnerability data " + s.key() + " from " + s.fileName() + " is " + days + " days old ("
                    + (s.dataDate() != null ? "data of " : "loaded ") + s.effectiveDate().toString().substring(0, 10)
                    + "), older than " + describe(maxAge) + "; findings may miss newer vulnerabilities. "
                    + "Run virtguard exposure update --from DIR with current files");
        }
        if (sets.stream().noneMatch(DataFreshness::isFeed)) {
            warnings.add("no vulnerability data loaded (KEV, EPSS, NVD, OSV); findings use the bundled advisories "
                    + "only. Run virtguard exposure update --from DIR");
        }
        return warnings;
    }

    /** The data sets older than {@code maxAge}. */
    public static List<DataSetInfo> stale(List<DataSetInfo> sets, Duration maxAge, Instant now) {
        return sets.stream().filter(DataFreshness::isFeed)
                .filter(s -> s.effectiveDate().isBefore(now.minus(maxAge))).toList();
    }

    static boolean isFeed(DataSetInfo s) {
        return !s.kind().equals("lifecycle") && !s.kind().equals("builds");
    }

    private static String describe(Duration d) {
        return d.toDays() >= 1 && d.toHoursPart() == 0 && d.toMinutesPart() == 0 ? d.toDays() + " days" : d.toString();
    }
}

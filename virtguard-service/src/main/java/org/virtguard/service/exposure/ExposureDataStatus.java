package org.virtguard.service.exposure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.virtguard.exposure.data.DataFreshness;
import org.virtguard.exposure.data.DataSetInfo;
import org.virtguard.server.readiness.ComponentStatus;

/**
 * How current the loaded vulnerability data is, for {@code /readyz} (component {@code exposureData}: degraded when a
 * data set is older than the configured age, never down: stale data still yields findings) and for the console's
 * banner.
 */
public final class ExposureDataStatus {

    private final Supplier<List<DataSetInfo>> sets;
    private final Duration maxAge;
    private final Clock clock;

    /** @param sets the data sets in use now, answered from memory */
    public ExposureDataStatus(Supplier<List<DataSetInfo>> sets, Duration maxAge, Clock clock) {
        this.sets = sets;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Warnings for people: stale data sets, or none loaded. */
    public List<String> warnings() {
        return DataFreshness.warnings(sets.get(), maxAge, clock.instant());
    }

    public ComponentStatus status() {
        Instant now = clock.instant();
        List<DataSetInfo> all = sets.get();
        List<DataSetInfo> stale = DataFreshness.stale(all, maxAge, now);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataSets", all.size());
        details.put("maxAgeDays", maxAge.toDays());
        if (!stale.isEmpty()) {
            details.put("stale", stale.stream().map(DataSetInfo::key).toList().toString());
            details.put("warning", "vulnerability data older than " + maxAge.toDays() + " days; run virtguard "
                    + "exposure update --from DIR");
        }
        all.stream().map(DataSetInfo::effectiveDate).min(Instant::compareTo)
                .ifPresent(oldest -> details.put("oldestData", oldest.toString()));
        return new ComponentStatus(stale.isEmpty() ? ComponentStatus.State.UP : ComponentStatus.State.DEGRADED, false,
                null, details);
    }
}

package org.virtguard.store.findings;

import java.util.Objects;
import java.util.Set;

/**
 * Where a finding sits, for filtering and the dashboard: the check's area, the resource's host and zones.
 *
 * @param area   the check's category, the folder it was loaded from (e.g. {@code zones}, {@code layer2})
 * @param hostId the host the resource runs on (the host itself for host findings), or {@code null}
 * @param zones  the trust zones of the resource (one per vNIC zone), possibly empty
 */
public record FindingPlacement(String area, String hostId, Set<String> zones) {

    /** Area of findings whose check has no known folder. */
    public static final String OTHER_AREA = "other";

    /** Nothing known about the finding's place. */
    public static final FindingPlacement UNKNOWN = new FindingPlacement(OTHER_AREA, null, Set.of());

    public FindingPlacement {
        area = area == null || area.isBlank() ? OTHER_AREA : area;
        zones = Set.copyOf(Objects.requireNonNullElse(zones, Set.of()));
    }
}

package org.virtguard.service.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.virtguard.flows.aggregate.EdgeKind;
import org.virtguard.server.views.FlowsView;
import org.virtguard.server.views.ZoneFlow;
import org.virtguard.store.Store;
import org.virtguard.store.alerts.AlertQuery;
import org.virtguard.store.alerts.StoredAlert;
import org.virtguard.store.flows.StoredFlowEdge;

/**
 * The zone matrix from the per-minute zone edges in the store. A zone pair counts as forbidden when a
 * {@code flow.segmentation} alert between the two zones was seen in the period; otherwise its traffic was allowed
 * by the segmentation policy (flows the policy denies always raise that alert).
 */
public final class StoredFlowsView implements FlowsView {

    private static final String SEGMENTATION = "flow.segmentation";
    private static final Duration OPEN_MINUTE = Duration.ofMinutes(1);

    private final Store store;
    private final Clock clock;

    public StoredFlowsView(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<ZoneFlow> zoneMatrix(Instant since) {
        Instant from = since.minus(OPEN_MINUTE);
        Map<String, Map<String, long[]>> sums = new TreeMap<>();
        for (StoredFlowEdge e : store.flows().list(EdgeKind.ZONE.name(), from, clock.instant().plus(OPEN_MINUTE))) {
            if (e.minute().plus(OPEN_MINUTE).isBefore(since)) {
                continue;
            }
            long[] s = sums.computeIfAbsent(e.from(), k -> new TreeMap<>()).computeIfAbsent(e.to(), k -> new long[2]);
            s[0] += e.flows();
            s[1] += e.bytes();
        }
        Set<String> forbidden = forbiddenPairs(since);
        List<ZoneFlow> out = new ArrayList<>();
        sums.forEach((fromZone, row) -> row.forEach((toZone, s) -> out.add(new ZoneFlow(fromZone, toZone, s[0], s[1],
                !forbidden.contains(fromZone + "\n" + toZone)))));
        return out;
    }

    private Set<String> forbiddenPairs(Instant since) {
        Set<String> pairs = new HashSet<>();
        for (StoredAlert stored : store.alerts().list(new AlertQuery(null, SEGMENTATION, since, null, 10_000))) {
            Map<String, String> a = stored.alert().attributes();
            String fromZone = a.get("source.zone");
            String toZone = a.get("destination.zone");
            if (fromZone != null && toZone != null) {
                pairs.add(fromZone + "\n" + toZone);
            }
        }
        return pairs;
    }
}

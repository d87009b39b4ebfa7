package org.virtguard.server.views;

import java.time.Instant;
import java.util.List;

/**
 * What the server needs from flow collection. Without an implementation the zone matrix and flow
 * aggregates answer {@code 503 NOT_CONFIGURED}.
 */
public interface FlowsView {

    /** Zone-to-zone traffic seen since the instant, ordered by source zone then destination zone. */
    List<ZoneFlow> zoneMatrix(Instant since);
}

package org.virtguard.flows.evaluate;

import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;

/** Host sweep: one source probing many distinct destination addresses within the window. */
public final class HostSweepDetector implements FlowDetector {

    private final DistinctTracker tracker;
    private final DetectorSettings settings;

    /** A detector with the given thresholds. */
    public HostSweepDetector(DetectorSettings settings) {
        this.settings = settings;
        this.tracker = new DistinctTracker(settings.window().toMillis(), settings.hostSweepHosts(),
                settings.evidenceFlows(), settings.maxTrackedSources());
    }

    @Override
    public void observe(FlowContext flow, Consumer<Alert> alerts) {
        FlowRecord r = flow.record;
        if (!flow.looksLikeProbe()) {
            return;
        }
        long destination = r.ipVersion == 6 ? r.dstHi * 31 + r.dstLo : r.dstLo;
        DistinctTracker.Source s = tracker.observe(r.ipVersion == 6 ? r.srcHi : -1, r.srcLo, destination,
                flow.timeMillis(), r);
        if (s != null) {
            String src = r.srcAddress();
            Map<String, String> attributes = AlertFactory.describe(flow);
            attributes.put("distinctHosts", Integer.toString(s.distinct()));
            alerts.accept(AlertFactory.alert("flow.hostsweep|" + src, "flow.hostsweep", Severity.HIGH,
                    "Host sweep from " + AlertFactory.name(flow.source, src) + ": " + s.distinct()
                            + " destinations within " + settings.window().toSeconds() + " s",
                    flow, s.firstSeen, s.lastSeen, s.flows, attributes, s.evidenceText()));
        }
    }
}

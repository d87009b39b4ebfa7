package org.virtguard.flows.evaluate;

import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;

/** Port scan: one source probing many distinct destination ports within the window. */
public final class PortScanDetector implements FlowDetector {

    private final DistinctTracker tracker;
    private final DetectorSettings settings;

    /** A detector with the given thresholds. */
    public PortScanDetector(DetectorSettings settings) {
        this.settings = settings;
        this.tracker = new DistinctTracker(settings.window().toMillis(), settings.portScanPorts(),
                settings.evidenceFlows(), settings.maxTrackedSources());
    }

    @Override
    public void observe(FlowContext flow, Consumer<Alert> alerts) {
        FlowRecord r = flow.record;
        if ((r.protocol != 6 && r.protocol != 17) || !flow.looksLikeProbe()) {
            return;
        }
        DistinctTracker.Source s = tracker.observe(r.ipVersion == 6 ? r.srcHi : -1, r.srcLo,
                ((long) r.protocol << 16) | r.dstPort, flow.timeMillis(), r);
        if (s != null) {
            String src = r.srcAddress();
            Map<String, String> attributes = AlertFactory.describe(flow);
            attributes.put("distinctPorts", Integer.toString(s.distinct()));
            attributes.put("windowSeconds", Long.toString(settings.window().toSeconds()));
            alerts.accept(AlertFactory.alert("flow.portscan|" + src, "flow.portscan", Severity.HIGH,
                    "Port scan from " + AlertFactory.name(flow.source, src) + ": " + s.distinct()
                            + " destination ports within " + settings.window().toSeconds() + " s",
                    flow, s.firstSeen, s.lastSeen, s.flows, attributes, s.evidenceText()));
        }
    }
}

package org.virtguard.flows.evaluate;

import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;

/** Lateral fan-out: one VM opening connections to many distinct other VMs within the window. */
public final class LateralFanOutDetector implements FlowDetector {

    private final DistinctTracker tracker;
    private final DetectorSettings settings;

    /** A detector with the given thresholds. */
    public LateralFanOutDetector(DetectorSettings settings) {
        this.settings = settings;
        this.tracker = new DistinctTracker(settings.window().toMillis(), settings.fanOutVms(),
                settings.evidenceFlows(), settings.maxTrackedSources());
    }

    @Override
    public void observe(FlowContext flow, Consumer<Alert> alerts) {
        FlowRecord r = flow.record;
        String srcVm = flow.source.vmId();
        String dstVm = flow.destination.vmId();
        if (srcVm == null || dstVm == null || srcVm.equals(dstVm) || !initiated(flow)) {
            return;
        }
        DistinctTracker.Source s = tracker.observe(r.ipVersion == 6 ? r.srcHi : -1, r.srcLo, dstVm.hashCode(),
                flow.timeMillis(), r);
        if (s != null) {
            String src = r.srcAddress();
            Map<String, String> attributes = AlertFactory.describe(flow);
            attributes.put("distinctVms", Integer.toString(s.distinct()));
            alerts.accept(AlertFactory.alert("flow.fanout|" + srcVm, "flow.fanout", Severity.HIGH,
                    "Lateral fan-out from " + AlertFactory.name(flow.source, src) + " to " + s.distinct()
                            + " VMs within " + settings.window().toSeconds() + " s",
                    flow, s.firstSeen, s.lastSeen, s.flows, attributes, s.evidenceText()));
        }
    }

    private static boolean initiated(FlowContext flow) {
        FlowRecord r = flow.record;
        if (r.protocol == 6) {
            return (r.tcpFlags & 0x02) != 0 && (r.tcpFlags & 0x12) != 0x12 || r.dstPort < r.srcPort;
        }
        return flow.looksLikeProbe() || r.dstPort < r.srcPort;
    }
}

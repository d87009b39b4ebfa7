package org.virtguard.flows.evaluate;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Alert;
import org.virtguard.model.Severity;

/** An address inside a VM network's subnet that no inventoried VM owns is sending traffic: a rogue-VM signal. */
public final class UnknownTalkerDetector implements FlowDetector {

    private final IncidentTable incidents;

    /** A detector reporting each unknown talker once per window. */
    public UnknownTalkerDetector(DetectorSettings settings) {
        this.incidents = new IncidentTable(settings.window().toMillis(), settings.maxTrackedSources());
    }

    @Override
    public void observe(FlowContext flow, Consumer<Alert> alerts) {
        if (!flow.source.unknownInVmSubnet()) {
            return;
        }
        FlowRecord r = flow.record;
        IncidentTable.Incident i = incidents.occur(r.ipVersion == 6 ? r.srcHi : -1, r.srcLo, flow.timeMillis());
        if (i != null) {
            String src = r.srcAddress();
            Map<String, String> attributes = AlertFactory.describe(flow);
            attributes.put("subnet", flow.source.address());
            alerts.accept(AlertFactory.alert("flow.unknown-talker|" + src, "flow.unknown-talker", Severity.MEDIUM,
                    "Unknown talker " + src + " in VM subnet " + flow.source.address()
                            + ": no inventoried VM owns this address", flow, i.first, i.last, i.count, attributes,
                    List.of(r.toString())));
        }
    }
}

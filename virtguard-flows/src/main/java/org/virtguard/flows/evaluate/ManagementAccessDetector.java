package org.virtguard.flows.evaluate;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

/**
 * Connections to management interfaces (ESXi/vCenter 443/902, SSH 22, libvirt 16509/16514, Proxmox 8006 by
 * default) of hosts or management-zone addresses from anywhere outside the management zone.
 */
public final class ManagementAccessDetector implements FlowDetector {

    private final boolean[] ports = new boolean[65_536];
    private final IncidentTable incidents;

    /** A detector watching {@link DetectorSettings#managementPorts()}. */
    public ManagementAccessDetector(DetectorSettings settings) {
        for (int p : settings.managementPorts()) {
            if (p >= 0 && p < ports.length) {
                ports[p] = true;
            }
        }
        this.incidents = new IncidentTable(settings.window().toMillis(), settings.maxTrackedSources());
    }

    @Override
    public void observe(FlowContext flow, Consumer<Alert> alerts) {
        FlowRecord r = flow.record;
        if ((r.protocol != 6 && r.protocol != 17) || !ports[r.dstPort] || (r.srcPort < r.dstPort && ports[r.srcPort])) {
            return;
        }
        Endpoint dst = flow.destination;
        boolean managementTarget = (dst.zone() != null && dst.zone().management())
                || (dst.hostId() != null && dst.vmId() == null && !dst.unknownInVmSubnet());
        if (!managementTarget || (flow.source.zone() != null && flow.source.zone().management())) {
            return;
        }
        long srcKey = r.ipVersion == 6 ? r.srcHi * 31 + r.srcLo : r.srcLo;
        long dstKey = ((r.ipVersion == 6 ? r.dstHi * 31 + r.dstLo : r.dstLo) << 16) ^ r.dstPort;
        IncidentTable.Incident i = incidents.occur(srcKey, dstKey, flow.timeMillis());
        if (i != null) {
            String src = r.srcAddress();
            String dstText = r.dstAddress();
            Map<String, String> attributes = AlertFactory.describe(flow);
            alerts.accept(AlertFactory.alert("flow.mgmt-access|" + src + "|" + dstText + ":" + r.dstPort,
                    "flow.mgmt-access", Severity.HIGH,
                    "Management interface " + AlertFactory.name(dst, dstText) + " port " + r.dstPort
                            + " reached from outside the management zone: " + AlertFactory.name(flow.source, src),
                    flow, i.first, i.last, i.count, attributes, List.of(r.toString())));
        }
    }
}

package org.virtguard.flows.evaluate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

/** Builds alerts from flows and their attribution, naming VM, host and zone of both ends. */
final class AlertFactory {

    private AlertFactory() {
    }

    static Endpoint endpoint(Endpoint attribution, String address) {
        return new Endpoint(address, attribution.mac(), attribution.vmId(), attribution.vmName(),
                attribution.hostId(), attribution.hostName(), attribution.zone(), attribution.unknownInVmSubnet());
    }

    static Map<String, String> describe(FlowContext ctx) {
        Map<String, String> a = new LinkedHashMap<>();
        side(a, "source", ctx.source, ctx.record.srcAddress());
        side(a, "destination", ctx.destination, ctx.record.dstAddress());
        a.put("protocol", Integer.toString(ctx.record.protocol));
        a.put("destinationPort", Integer.toString(ctx.record.dstPort));
        a.put("eastWestOnHost", Boolean.toString(ctx.eastWestOnHost()));
        return a;
    }

    private static void side(Map<String, String> a, String prefix, Endpoint e, String address) {
        a.put(prefix + ".address", address);
        put(a, prefix + ".vm", e.vmName());
        put(a, prefix + ".vmId", e.vmId());
        put(a, prefix + ".host", e.hostName() != null ? e.hostName() : e.hostId());
        put(a, prefix + ".zone", e.zone() == null ? null : e.zone().name());
    }

    private static void put(Map<String, String> a, String key, String value) {
        if (value != null) {
            a.put(key, value);
        }
    }

    static Alert alert(String key, String kind, Severity severity, String title, FlowContext ctx, long first,
                       long last, long count, Map<String, String> attributes, List<String> evidence) {
        FlowRecord r = ctx.record;
        return new Alert(key, kind, severity, title, endpoint(ctx.source, r.srcAddress()),
                endpoint(ctx.destination, r.dstAddress()), Instant.ofEpochMilli(first), Instant.ofEpochMilli(last),
                count, attributes, evidence);
    }

    static String name(Endpoint e, String address) {
        StringBuilder sb = new StringBuilder(address);
        if (e.vmName() != null) {
            sb.append(" (VM ").append(e.vmName());
            if (e.hostName() != null || e.hostId() != null) {
                sb.append(" on ").append(e.hostName() != null ? e.hostName() : e.hostId());
            }
            sb.append(')');
        } else if (e.hostId() != null && !e.unknownInVmSubnet()) {
            sb.append(" (host ").append(e.hostName() != null ? e.hostName() : e.hostId()).append(')');
        }
        if (e.zone() != null) {
            sb.append(" [zone ").append(e.zone().name()).append(']');
        }
        return sb.toString();
    }
}

package org.virtguard.flows.evaluate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.flows.enrich.EndpointIndex;
import org.virtguard.model.Alert;
import org.virtguard.model.Endpoint;
import org.virtguard.model.Severity;

/**
 * Raises a {@code flow.segmentation} alert for each connection the {@link SegmentationPolicy} forbids, naming both
 * endpoints' VM, host and zone and whether the traffic stayed on one host (east-west, invisible to the physical
 * network). A flow that looks like a reply (from a lower, service port to a higher one) is judged as the
 * connection it answers, so a forbidden connection gives one alert whichever direction is seen first, and the
 * reply to an allowed connection is allowed. Flows with an end in no zone are not evaluated. One alert per
 * (client, server, protocol) — a scan across a zone boundary is one incident, not one per port — repeated at most
 * once per window with its growing count.
 */
public final class SegmentationDetector implements FlowDetector {

    private final SegmentationPolicy policy;
    private final Supplier<EndpointIndex> index;
    private final IncidentTable incidents;

    /** Evaluates flows against {@code policy}, reading VM classifications from the current index. */
    public SegmentationDetector(SegmentationPolicy policy, Supplier<EndpointIndex> index, DetectorSettings settings) {
        this.policy = policy;
        this.index = index;
        this.incidents = new IncidentTable(settings.window().toMillis(), settings.maxTrackedSources());
    }

    @Override
    public void observe(FlowContext flow, Consumer<Alert> alerts) {
        if (flow.source.zone() == null || flow.destination.zone() == null) {
            return;
        }
        FlowRecord r = flow.record;
        boolean reply = looksLikeReply(r);
        Endpoint client = reply ? flow.destination : flow.source;
        Endpoint server = reply ? flow.source : flow.destination;
        int port = reply ? r.srcPort : r.dstPort;
        EndpointIndex idx = index.get();
        SegmentationPolicy.Decision d = policy.decide(client.zone().name(), server.zone().name(),
                idx.classification(client.vmId()), idx.classification(server.vmId()), r.protocol, port);
        if (d == SegmentationPolicy.Decision.ALLOWED_BY_RULE || d == SegmentationPolicy.Decision.ALLOWED_BY_DEFAULT) {
            return;
        }
        SegmentationRule denying = policy.lastRule();
        long srcKey = key(r, !reply);
        long dstKey = (key(r, reply) << 8) ^ r.protocol;
        IncidentTable.Incident i = incidents.occur(srcKey, dstKey, flow.timeMillis());
        if (i == null) {
            return;
        }
        String clientAddress = reply ? r.dstAddress() : r.srcAddress();
        String serverAddress = reply ? r.srcAddress() : r.dstAddress();
        boolean onHost = flow.eastWestOnHost();
        Map<String, String> a = new LinkedHashMap<>(AlertFactory.describe(flow));
        a.putAll(Map.of("client", clientAddress, "server", serverAddress, "destinationPort", Integer.toString(port),
                "decision", d.name(), "rule", denying == null ? "default" : denying.name(),
                "source.address", clientAddress, "destination.address", serverAddress));
        side(a, "source", client);
        side(a, "destination", server);
        String title = "Forbidden flow " + client.zone().name() + " -> " + server.zone().name() + ": "
                + AlertFactory.name(client, clientAddress) + " to " + AlertFactory.name(server, serverAddress) + " "
                + protocolName(r.protocol) + "/" + port
                + (onHost ? " (east-west on one host, invisible to the physical network)" : "");
        alerts.accept(new Alert("flow.segmentation|" + clientAddress + "|" + serverAddress + "|" + r.protocol,
                "flow.segmentation", onHost ? Severity.HIGH : Severity.MEDIUM, title,
                AlertFactory.endpoint(client, clientAddress), AlertFactory.endpoint(server, serverAddress),
                Instant.ofEpochMilli(i.first), Instant.ofEpochMilli(i.last), i.count, a, List.of(r.toString())));
    }

    private static void side(Map<String, String> a, String prefix, Endpoint e) {
        a.remove(prefix + ".vm");
        a.remove(prefix + ".vmId");
        a.remove(prefix + ".host");
        a.remove(prefix + ".zone");
        if (e.vmName() != null) {
            a.put(prefix + ".vm", e.vmName());
            a.put(prefix + ".vmId", e.vmId());
        }
        String host = e.hostName() != null ? e.hostName() : e.hostId();
        if (host != null) {
            a.put(prefix + ".host", host);
        }
        a.put(prefix + ".zone", e.zone().name());
    }

    private static boolean looksLikeReply(FlowRecord r) {
        if (r.protocol != 6 && r.protocol != 17 && r.protocol != 132) {
            return false;
        }
        if (r.protocol == 6 && (r.tcpFlags & 0x12) == 0x02) {
            return false;
        }
        return r.srcPort < r.dstPort && r.srcPort < 49_152;
    }

    private static long key(FlowRecord r, boolean source) {
        if (r.ipVersion == 6) {
            return source ? r.srcHi * 31 + r.srcLo : r.dstHi * 31 + r.dstLo;
        }
        return source ? r.srcLo : r.dstLo;
    }

    static String protocolName(int protocol) {
        return switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            default -> Integer.toString(protocol);
        };
    }
}

package org.virtguard.flows.evaluate;

import org.virtguard.flows.decode.ClockSkew;
import org.virtguard.flows.decode.FlowRecord;
import org.virtguard.model.Endpoint;

/**
 * One flow with its attribution, reused for every flow by the pipeline. Detectors that keep anything copy it.
 */
public final class FlowContext {

    /** The decoded flow. */
    public FlowRecord record;
    /** The source's attribution (never {@code null}; fields null when unknown). */
    public Endpoint source;
    /** The destination's attribution (never {@code null}). */
    public Endpoint destination;

    /** Fills this context. */
    public FlowContext set(FlowRecord record, Endpoint source, Endpoint destination) {
        this.record = record;
        this.source = source;
        this.destination = destination;
        return this;
    }

    /** Both ends are VMs on the same host: the traffic never reaches the physical network. */
    public boolean eastWestOnHost() {
        return source.vmId() != null && destination.vmId() != null && source.hostId() != null
                && source.hostId().equals(destination.hostId());
    }

    /**
     * The flow's time for detection windows, aggregation and alerts: its end time, or its arrival when the exporter
     * sent none, never more than {@link ClockSkew#MAX_AHEAD_MILLIS} after its arrival (an exporter whose clock runs
     * ahead must not move the windows into the future).
     */
    public long timeMillis() {
        return ClockSkew.detectionTime(record.endMillis, record.receivedMillis);
    }

    /**
     * Whether the flow looks like a connection attempt from its source: a TCP flow with SYN and no ACK, an ICMP
     * echo request, or a UDP flow to a port no higher than its source port.
     */
    public boolean looksLikeProbe() {
        FlowRecord r = record;
        return switch (r.protocol) {
            case 6 -> (r.tcpFlags & 0x12) == 0x02;
            case 17 -> r.dstPort <= r.srcPort;
            case 1 -> (r.dstPort >>> 8) == 8;
            case 58 -> (r.dstPort >>> 8) == 128;
            default -> false;
        };
    }
}

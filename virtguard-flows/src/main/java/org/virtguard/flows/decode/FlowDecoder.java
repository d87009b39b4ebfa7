package org.virtguard.flows.decode;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes NetFlow v5, NetFlow v9, IPFIX and sFlow v5 datagrams, telling the version apart from the first bytes,
 * and keeps per-exporter templates and counters. Not thread-safe: one decoder per decoding thread.
 *
 * <p>Hostile input never escapes as an exception: every malformed datagram or set is counted on its exporter
 * ({@link ExporterCounters}) and decoding goes on with the rest. Memory is bounded by {@link DecoderLimits}.
 * Decoding allocates nothing per record: the same {@link FlowRecord} is refilled for each.
 */
public final class FlowDecoder {

    private static final String OVERFLOW_EXPORTER = "other-exporters";

    private final DecoderLimits limits;
    private final TemplateFlowDecoder templated;
    private final NetflowV5Decoder v5 = new NetflowV5Decoder();
    private final SflowDecoder sflow = new SflowDecoder();
    private final FlowRecord record = new FlowRecord();
    private final Map<String, Exporter> exporters = new ConcurrentHashMap<>();
    private final SkewCheck skewCheck = new SkewCheck();
    private volatile ClockSkewListener skewListener = ClockSkewListener.NONE;

    /** A decoder with the given bounds. */
    public FlowDecoder(DecoderLimits limits) {
        this.limits = limits;
        this.templated = new TemplateFlowDecoder(limits);
    }

    /** A decoder with {@link DecoderLimits#defaults()}. */
    public FlowDecoder() {
        this(DecoderLimits.defaults());
    }

    /**
     * The state for an exporter address, created on first use. Beyond {@link DecoderLimits#maxExporters()}
     * further addresses share one overflow exporter. Callers on a hot path look this up once per datagram.
     */
    public Exporter exporter(String address) {
        Exporter ex = exporters.get(address);
        if (ex == null) {
            String key = exporters.size() >= limits.maxExporters() ? OVERFLOW_EXPORTER : address;
            ex = exporters.computeIfAbsent(key, Exporter::new);
            if (key.equals(address)) {
                return ex;
            }
        }
        return ex;
    }

    /** Where exporter clock skew is reported (see {@link ClockSkew}); {@link ClockSkewListener#NONE} by default. */
    public void clockSkewListener(ClockSkewListener listener) {
        this.skewListener = listener == null ? ClockSkewListener.NONE : listener;
    }

    /**
     * Decodes one datagram payload {@code data[offset, offset+length)} from {@code exporter}, received at
     * {@code receivedMillis}, handing each flow to {@code sink}. Returns the number of flows decoded.
     */
    public int decode(Exporter exporter, byte[] data, int offset, int length, long receivedMillis, FlowSink sink) {
        ExporterCounters counters = exporter.counters();
        counters.datagram();
        if (length < 4 || offset < 0 || length > data.length - offset) {
            counters.error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        skewCheck.exporter = exporter;
        skewCheck.target = sink;
        skewCheck.listener = skewListener;
        sink = skewCheck;
        try {
            int version = Bytes.u16(data, offset);
            int flows = switch (version) {
                case 5 -> v5.decode(exporter, data, offset, length, receivedMillis, record, sink);
                case 9 -> templated.decodeV9(exporter, data, offset, length, receivedMillis, record, sink);
                case 10 -> templated.decodeIpfix(exporter, data, offset, length, receivedMillis, record, sink);
                case 0 -> Bytes.s32(data, offset) == 5
                        ? sflow.decode(exporter, data, offset, length, receivedMillis, record, sink)
                        : unsupported(counters);
                default -> unsupported(counters);
            };
            skewCheck.flush();
            return flows;
        } catch (IndexOutOfBoundsException e) {
            skewCheck.flush();
            counters.error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
    }

    private static int unsupported(ExporterCounters counters) {
        counters.error(DecodeError.UNSUPPORTED_VERSION);
        return 0;
    }

    /**
     * Notes records lying ahead of their arrival, then hands them on; the datagram's tally goes to the exporter's
     * counters (and, when due, to the listener) once per datagram. Reused: no allocation, no shared write per record.
     */
    private static final class SkewCheck implements FlowSink {
        Exporter exporter;
        FlowSink target;
        ClockSkewListener listener;
        private long aheadRecords;
        private long maxAhead;
        private long lastAhead;
        private long arrival;

        @Override
        public void accept(FlowRecord r) {
            long ahead = ClockSkew.ahead(r);
            if (ahead > ClockSkew.MAX_AHEAD_MILLIS) {
                aheadRecords++;
                maxAhead = Math.max(maxAhead, ahead);
                lastAhead = ahead;
                arrival = r.receivedMillis;
            }
            target.accept(r);
        }

        void flush() {
            if (aheadRecords == 0) {
                return;
            }
            boolean due = exporter.counters().clockAhead(aheadRecords, maxAhead, lastAhead, arrival);
            aheadRecords = 0;
            maxAhead = 0;
            if (due && listener != ClockSkewListener.NONE) {
                listener.clockAhead(exporter.address(), exporter.counters().skewReport());
            }
        }
    }

    /** Snapshots of every exporter's counters. */
    public List<CounterSnapshot> counters() {
        List<CounterSnapshot> out = new ArrayList<>(exporters.size());
        for (Exporter ex : exporters.values()) {
            out.add(ex.counters().snapshot());
        }
        return out;
    }
}

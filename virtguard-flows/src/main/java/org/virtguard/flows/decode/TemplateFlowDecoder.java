package org.virtguard.flows.decode;

/**
 * Decodes NetFlow v9 and IPFIX (RFC 7011) messages: templates and options templates (with IPFIX withdrawal),
 * variable-length fields, enterprise elements (RFC 5103 reverse counters), sampling from options data, and data
 * records written into one reused {@link FlowRecord}.
 */
final class TemplateFlowDecoder {

    private static final long NTP_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final int V9_HEADER = 20;
    private static final int IPFIX_HEADER = 16;

    private final DecoderLimits limits;
    private final long templateTimeoutMillis;
    private final boolean fixedLayouts;

    TemplateFlowDecoder(DecoderLimits limits) {
        this(limits, true);
    }

    /**
     * A decoder that uses each template's {@link FixedLayout} where it has one when {@code fixedLayouts} is true,
     * and the general per-field decoder for every record otherwise (for tests that compare the two).
     */
    TemplateFlowDecoder(DecoderLimits limits, boolean fixedLayouts) {
        this.limits = limits;
        this.templateTimeoutMillis = limits.templateTimeout().toMillis();
        this.fixedLayouts = fixedLayouts;
    }

    int decodeV9(Exporter ex, byte[] b, int off, int len, long now, FlowRecord r, FlowSink sink) {
        if (len < V9_HEADER) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        long uptime = Bytes.u32(b, off + 4);
        long unixSecs = Bytes.u32(b, off + 8);
        long seq = Bytes.u32(b, off + 12);
        long domain = Bytes.u32(b, off + 16);
        ex.sequence(9, domain, seq, seq + 1);
        long boot = unixSecs * 1000 - uptime;
        return decodeSets(ex, b, off + V9_HEADER, off + len, 9, domain, boot, now, r, sink);
    }

    int decodeIpfix(Exporter ex, byte[] b, int off, int len, long now, FlowRecord r, FlowSink sink) {
        if (len < IPFIX_HEADER) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        int declared = Bytes.u16(b, off + 2);
        if (declared < IPFIX_HEADER) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
            return 0;
        }
        int end = off + len;
        if (declared > len) {
            ex.counters().error(DecodeError.TRUNCATED_DATAGRAM);
        } else {
            end = off + declared;
        }
        long exportSecs = Bytes.u32(b, off + 4);
        long seq = Bytes.u32(b, off + 8);
        long domain = Bytes.u32(b, off + 12);
        int n = decodeSets(ex, b, off + IPFIX_HEADER, end, 10, domain, exportSecs * 1000, now, r, sink);
        ex.sequence(10, domain, seq, seq + n);
        return n;
    }

    private int decodeSets(Exporter ex, byte[] b, int pos, int end, int version, long domain, long boot, long now,
                           FlowRecord r, FlowSink sink) {
        int records = 0;
        int templateSet = version == 9 ? 0 : 2;
        int optionsSet = version == 9 ? 1 : 3;
        while (end - pos >= 4) {
            int setId = Bytes.u16(b, pos);
            int setLen = Bytes.u16(b, pos + 2);
            if (setLen < 4 || setLen > end - pos) {
                ex.counters().error(DecodeError.BAD_SET_LENGTH);
                return records;
            }
            int body = pos + 4;
            int bodyEnd = pos + setLen;
            if (setId == templateSet) {
                templates(ex, b, body, bodyEnd, version, domain, now);
            } else if (setId == optionsSet) {
                optionsTemplates(ex, b, body, bodyEnd, version, domain, now);
            } else if (setId >= 256) {
                long[] init = version == 10 ? ex.systemInit.get(domain) : null;
                records += data(ex, b, body, bodyEnd, version, domain, setId, init != null ? init[0] : boot, now,
                        r, sink);
            }
            pos = bodyEnd;
        }
        return records;
    }

    private void templates(Exporter ex, byte[] b, int p, int end, int version, long domain, long now) {
        while (end - p >= 4) {
            int id = Bytes.u16(b, p);
            int count = Bytes.u16(b, p + 2);
            p += 4;
            if (id == 0 && count == 0) {
                return;
            }
            if (count == 0 && version == 10) {
                withdraw(ex, domain, id, 2);
                continue;
            }
            if (id < 256 || count == 0 || count > limits.maxFieldsPerTemplate()) {
                ex.counters().error(DecodeError.BAD_TEMPLATE);
                return;
            }
            p = fields(ex, b, p, end, version, domain, id, count, 0, false, now);
            if (p < 0) {
                return;
            }
        }
    }

    private void optionsTemplates(Exporter ex, byte[] b, int p, int end, int version, long domain, long now) {
        while (end - p >= 6) {
            int id = Bytes.u16(b, p);
            int count;
            int scopes;
            if (version == 9) {
                int scopeBytes = Bytes.u16(b, p + 2);
                int optionBytes = Bytes.u16(b, p + 4);
                if (id == 0 && scopeBytes == 0) {
                    return;
                }
                if (scopeBytes % 4 != 0 || optionBytes % 4 != 0) {
                    ex.counters().error(DecodeError.BAD_TEMPLATE);
                    return;
                }
                scopes = scopeBytes / 4;
                count = scopes + optionBytes / 4;
                p += 6;
            } else {
                count = Bytes.u16(b, p + 2);
                if (count == 0) {
                    p += 4;
                    withdraw(ex, domain, id, 3);
                    continue;
                }
                scopes = Bytes.u16(b, p + 4);
                p += 6;
            }
            if (id < 256 || count == 0 || count > limits.maxFieldsPerTemplate() || (version == 10 && scopes == 0)
                    || scopes > count) {
                ex.counters().error(DecodeError.BAD_TEMPLATE);
                return;
            }
            p = fields(ex, b, p, end, version, domain, id, count, scopes, true, now);
            if (p < 0) {
                return;
            }
        }
    }

    private int fields(Exporter ex, byte[] b, int p, int end, int version, long domain, int id, int count,
                       int scopes, boolean options, long now) {
        int[] lengths = new int[count];
        int[] slots = new int[count];
        for (int i = 0; i < count; i++) {
            if (end - p < 4) {
                ex.counters().error(DecodeError.BAD_TEMPLATE);
                return -1;
            }
            int ie = Bytes.u16(b, p);
            int flen = Bytes.u16(b, p + 2);
            p += 4;
            long enterprise = 0;
            if (version == 10 && (ie & 0x8000) != 0) {
                if (end - p < 4) {
                    ex.counters().error(DecodeError.BAD_TEMPLATE);
                    return -1;
                }
                enterprise = Bytes.u32(b, p);
                ie &= 0x7fff;
                p += 4;
            }
            if (flen == 0 || (flen == Template.VARIABLE && version == 9)) {
                ex.counters().error(DecodeError.BAD_TEMPLATE);
                return -1;
            }
            lengths[i] = flen;
            slots[i] = (options && version == 9 && i < scopes) ? Slot.SKIP : Slot.of(enterprise, ie);
        }
        long key = Exporter.templateKey(domain, id);
        Template existing = ex.templates.get(key);
        if (existing == null && ex.templates.size() >= limits.maxTemplatesPerExporter()) {
            ex.counters().error(DecodeError.TEMPLATE_LIMIT);
            return p;
        }
        if (existing != null && existing.sameAs(scopes, options, lengths, slots)) {
            existing.refreshedMillis = now;
        } else {
            ex.templates.put(key, new Template(id, scopes, options, lengths, slots, now));
        }
        ex.counters().template();
        return p;
    }

    private static void withdraw(Exporter ex, long domain, int id, int setId) {
        if (id == setId) {
            ex.templates.removeIf(k -> (k >>> 16) == domain);
        } else {
            ex.templates.remove(Exporter.templateKey(domain, id));
        }
    }

    private int data(Exporter ex, byte[] b, int p, int end, int version, long domain, int setId, long boot,
                     long now, FlowRecord r, FlowSink sink) {
        long key = Exporter.templateKey(domain, setId);
        Template t = ex.templates.get(key);
        if (t != null && now - t.refreshedMillis > templateTimeoutMillis) {
            ex.templates.remove(key);
            t = null;
        }
        if (t == null) {
            ex.counters().templateMiss();
            return 0;
        }
        if (fixedLayouts && t.layout != null) {
            return fixedRecords(ex, t.layout, b, p, end, version, domain, boot, now, r, sink);
        }
        int records = 0;
        int decoded = 0;
        while (end - p >= t.minRecordLength) {
            int next = t.options ? option(ex, t, b, p, end, domain) : record(ex, t, b, p, end, version, domain, boot,
                    now, r);
            if (next < 0) {
                ex.counters().error(DecodeError.RECORD_OVERRUNS_SET);
                ex.counters().records(records);
                return records;
            }
            p = next;
            decoded++;
            if (!t.options) {
                records++;
                sink.accept(r);
            }
        }
        if (decoded == 0 && end - p >= 4) {
            ex.counters().error(DecodeError.RECORD_OVERRUNS_SET);
        }
        ex.counters().records(records);
        return records;
    }

    /**
     * The records of one data set through the template's fixed layout: same values, counters and errors as the
     * general loop. A layout never covers sampling fields, so the sampling interval is the exporter's for the
     * domain, which options data in another set can change but nothing within this set does.
     */
    private static int fixedRecords(Exporter ex, FixedLayout layout, byte[] b, int p, int end, int version,
                                    long domain, long boot, long now, FlowRecord r, FlowSink sink) {
        int length = layout.recordLength;
        long sampling = ex.samplingFor(domain, -1);
        int records = 0;
        while (end - p >= length) {
            r.clear();
            r.version = version;
            r.domain = domain;
            r.receivedMillis = now;
            layout.decode(b, p, boot, r);
            r.samplingInterval = sampling;
            p += length;
            records++;
            sink.accept(r);
        }
        if (records == 0 && end - p >= 4) {
            ex.counters().error(DecodeError.RECORD_OVERRUNS_SET);
        }
        ex.counters().records(records);
        return records;
    }

    private static int fieldLength(Template t, int i, byte[] b, int[] cursor, int end) {
        int flen = t.lengths[i];
        int p = cursor[0];
        if (flen == Template.VARIABLE) {
            if (p >= end) {
                return -1;
            }
            flen = Bytes.u8(b, p);
            p++;
            if (flen == 255) {
                if (end - p < 2) {
                    return -1;
                }
                flen = Bytes.u16(b, p);
                p += 2;
            }
            cursor[0] = p;
        }
        return end - p < flen ? -1 : flen;
    }

    private final int[] cursor = new int[1];

    private int option(Exporter ex, Template t, byte[] b, int p, int end, long domain) {
        long interval = -1;
        long space = -1;
        long sampler = -1;
        long init = -1;
        cursor[0] = p;
        for (int i = 0; i < t.fieldCount; i++) {
            int flen = fieldLength(t, i, b, cursor, end);
            if (flen < 0) {
                return -1;
            }
            int at = cursor[0];
            switch (t.slots[i]) {
                case Slot.SAMPLING_INTERVAL -> interval = Bytes.unsigned(b, at, flen);
                case Slot.SAMPLING_SPACE -> space = Bytes.unsigned(b, at, flen);
                case Slot.SAMPLER_ID -> sampler = Bytes.unsigned(b, at, flen);
                case Slot.SYSTEM_INIT_MILLIS -> init = Bytes.unsigned(b, at, flen);
                default -> {
                }
            }
            cursor[0] = at + flen;
        }
        ex.counters().optionRecord();
        if (interval > 0 && space > 0) {
            interval = (interval + space) / interval;
        }
        if (interval > 0) {
            ex.learnSampling(domain, sampler, interval);
        }
        if (init > 0 && ex.systemInit.size() < 4096) {
            ex.systemInit.put(domain, new long[] {init});
        }
        return cursor[0];
    }

    private int record(Exporter ex, Template t, byte[] b, int p, int end, int version, long domain, long boot,
                       long now, FlowRecord r) {
        r.clear();
        r.version = version;
        r.domain = domain;
        r.receivedMillis = now;
        long startUp = -1;
        long endUp = -1;
        long sampler = -1;
        long ownInterval = -1;
        int icmp = -1;
        cursor[0] = p;
        boolean fixed = !t.variable;
        int[] lengths = t.lengths;
        int[] offsets = t.offsets;
        int[] slots = t.slots;
        for (int i = 0; i < t.fieldCount; i++) {
            int flen;
            int at;
            if (fixed) {
                flen = lengths[i];
                at = p + offsets[i];
            } else {
                flen = fieldLength(t, i, b, cursor, end);
                if (flen < 0) {
                    return -1;
                }
                at = cursor[0];
                cursor[0] = at + flen;
            }
            switch (slots[i]) {
                case Slot.SKIP -> {
                }
                case Slot.BYTES -> r.bytes = counter(b, at, flen);
                case Slot.PACKETS -> r.packets = counter(b, at, flen);
                case Slot.PROTOCOL -> r.protocol = (int) Bytes.unsigned(b, at, flen) & 0xff;
                case Slot.TOS -> r.tos = (int) Bytes.unsigned(b, at, flen) & 0xff;
                case Slot.TCP_FLAGS -> r.tcpFlags = (int) Bytes.unsigned(b, at, flen) & 0xffff;
                case Slot.SRC_PORT -> r.srcPort = (int) Bytes.unsigned(b, at, flen) & 0xffff;
                case Slot.DST_PORT -> r.dstPort = (int) Bytes.unsigned(b, at, flen) & 0xffff;
                case Slot.SRC_ADDR -> address(r, b, at, flen, true);
                case Slot.DST_ADDR -> address(r, b, at, flen, false);
                case Slot.SRC_MASK -> r.srcMask = (int) Bytes.unsigned(b, at, flen) & 0xff;
                case Slot.DST_MASK -> r.dstMask = (int) Bytes.unsigned(b, at, flen) & 0xff;
                case Slot.IN_IF -> r.inputInterface = Bytes.unsigned(b, at, flen);
                case Slot.OUT_IF -> r.outputInterface = Bytes.unsigned(b, at, flen);
                case Slot.NEXT_HOP -> r.nextHopLo = flen == 4 ? Bytes.u32(b, at) : 0;
                case Slot.START_UPTIME -> startUp = Bytes.unsigned(b, at, flen);
                case Slot.END_UPTIME -> endUp = Bytes.unsigned(b, at, flen);
                case Slot.START_SECONDS -> r.startMillis = Bytes.unsigned(b, at, flen) * 1000;
                case Slot.END_SECONDS -> r.endMillis = Bytes.unsigned(b, at, flen) * 1000;
                case Slot.START_MILLIS -> r.startMillis = Bytes.unsigned(b, at, flen);
                case Slot.END_MILLIS -> r.endMillis = Bytes.unsigned(b, at, flen);
                case Slot.START_MICROS, Slot.START_NANOS -> r.startMillis = ntpMillis(b, at, flen);
                case Slot.END_MICROS, Slot.END_NANOS -> r.endMillis = ntpMillis(b, at, flen);
                case Slot.ICMP -> icmp = (int) Bytes.unsigned(b, at, flen) & 0xffff;
                case Slot.SAMPLING_INTERVAL -> ownInterval = Bytes.unsigned(b, at, flen);
                case Slot.SAMPLER_ID -> sampler = Bytes.unsigned(b, at, flen);
                case Slot.SRC_MAC -> r.srcMac = flen == 6 ? Bytes.unsigned(b, at, 6) : 0;
                case Slot.DST_MAC -> r.dstMac = flen == 6 ? Bytes.unsigned(b, at, 6) : 0;
                case Slot.VLAN -> r.vlan = (int) Bytes.unsigned(b, at, flen) & 0xfff;
                case Slot.DIRECTION -> r.direction = (int) Bytes.unsigned(b, at, flen) & 0xff;
                case Slot.REVERSE_BYTES -> {
                    r.reverseBytes = counter(b, at, flen);
                    r.biflow = true;
                }
                case Slot.REVERSE_PACKETS -> {
                    r.reversePackets = counter(b, at, flen);
                    r.biflow = true;
                }
                default -> {
                }
            }
        }
        if (fixed) {
            cursor[0] = p + t.minRecordLength;
        }
        if (startUp >= 0) {
            r.startMillis = boot + startUp;
        }
        if (endUp >= 0) {
            r.endMillis = boot + endUp;
        }
        if (icmp >= 0 && (r.protocol == 1 || r.protocol == 58)) {
            r.dstPort = icmp;
        }
        r.samplingInterval = ownInterval > 0 ? ownInterval : ex.samplingFor(domain, sampler);
        return cursor[0];
    }

    private static void address(FlowRecord r, byte[] b, int at, int flen, boolean source) {
        if (flen == 4) {
            r.ipVersion = r.ipVersion == 6 ? 6 : 4;
            if (source) {
                r.srcLo = Bytes.u32(b, at);
            } else {
                r.dstLo = Bytes.u32(b, at);
            }
        } else if (flen == 16) {
            r.ipVersion = 6;
            if (source) {
                r.srcHi = Bytes.s64(b, at);
                r.srcLo = Bytes.s64(b, at + 8);
            } else {
                r.dstHi = Bytes.s64(b, at);
                r.dstLo = Bytes.s64(b, at + 8);
            }
        }
    }

    /** An unsigned64 counter, saturated at {@link Long#MAX_VALUE} rather than wrapping negative. */
    private static long counter(byte[] b, int at, int flen) {
        long v = Bytes.unsigned(b, at, flen);
        return v < 0 ? Long.MAX_VALUE : v;
    }

    private static long ntpMillis(byte[] b, int at, int flen) {
        if (flen != 8) {
            return 0;
        }
        long seconds = Bytes.u32(b, at);
        long fraction = Bytes.u32(b, at + 4);
        return (seconds - NTP_EPOCH_OFFSET_SECONDS) * 1000 + ((fraction * 1000) >>> 32);
    }
}

package org.virtguard.flows.decode;

/**
 * State kept per exporter address: its templates (keyed by observation domain / source id and template id),
 * sequence tracking, sampling configuration learned from options data, and counters. Owned by one decoding
 * thread.
 */
public final class Exporter {

    private final String address;
    private final ExporterCounters counters;
    final LongObjectMap<Template> templates = new LongObjectMap<>();
    final LongObjectMap<long[]> nextSequence = new LongObjectMap<>();
    final LongObjectMap<long[]> domainSampling = new LongObjectMap<>();
    final LongObjectMap<long[]> samplerSampling = new LongObjectMap<>();
    final LongObjectMap<long[]> systemInit = new LongObjectMap<>();

    Exporter(String address) {
        this.address = address;
        this.counters = new ExporterCounters(address);
    }

    /** The exporter's address as text. */
    public String address() {
        return address;
    }

    /** This exporter's counters. */
    public ExporterCounters counters() {
        return counters;
    }

    /** How many templates are cached for this exporter. */
    public int templateCount() {
        return templates.size();
    }

    static long templateKey(long domain, int templateId) {
        return (domain << 16) | (templateId & 0xffff);
    }

    /** Checks a sequence number against the expected one for this (protocol, domain), then sets the next. */
    void sequence(int version, long domain, long received, long next) {
        long key = ((long) version << 40) ^ domain;
        long[] expected = nextSequence.get(key);
        if (expected == null) {
            if (nextSequence.size() < 4096) {
                nextSequence.put(key, new long[] {next & 0xffff_ffffL});
            }
            return;
        }
        if (expected[0] != (received & 0xffff_ffffL)) {
            counters.sequenceGap();
        }
        expected[0] = next & 0xffff_ffffL;
    }

    long samplingFor(long domain, long samplerId) {
        if (samplerId >= 0) {
            long[] s = samplerSampling.get(Exporter.templateKey(domain, (int) samplerId) ^ (samplerId << 48));
            if (s != null) {
                return s[0];
            }
        }
        long[] d = domainSampling.get(domain);
        return d == null ? 1 : d[0];
    }

    void learnSampling(long domain, long samplerId, long interval) {
        if (interval <= 0 || domainSampling.size() > 4096 || samplerSampling.size() > 4096) {
            return;
        }
        if (samplerId >= 0) {
            long key = Exporter.templateKey(domain, (int) samplerId) ^ (samplerId << 48);
            long[] s = samplerSampling.get(key);
            if (s == null) {
                samplerSampling.put(key, new long[] {interval});
            } else {
                s[0] = interval;
            }
        } else {
            long[] d = domainSampling.get(domain);
            if (d == null) {
                domainSampling.put(domain, new long[] {interval});
            } else {
                d[0] = interval;
            }
        }
    }
}

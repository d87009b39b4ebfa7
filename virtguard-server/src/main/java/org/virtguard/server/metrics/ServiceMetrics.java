package org.virtguard.server.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the service updates as it works (syncs, live events, HTTP requests), exposed on {@code /metrics}.
 * Thread-safe; updating is allocation-free after a name's first use.
 */
public final class ServiceMetrics {

    private final Map<String, Timer> syncs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
    private final LongAdder requestNanos = new LongAdder();
    private final Map<String, Sampled> sampled = new ConcurrentHashMap<>();
    private final Map<String, LabeledSample> labeled = new ConcurrentHashMap<>();

    /** Records one full sync of a source. */
    public void syncCompleted(String sourceId, Duration took, boolean succeeded) {
        Timer t = syncs.computeIfAbsent(sourceId, k -> new Timer());
        t.count.increment();
        t.nanos.add(took.toNanos());
        t.last.set(took.toNanos());
        if (!succeeded) {
            t.failures.increment();
        }
    }

    /** Counts a processed event, e.g. {@code live_vm_update}, {@code inventory_change}. */
    public void event(String kind) {
        events.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Counts an answered HTTP request by status class. */
    public void request(int status, long nanos) {
        responses.computeIfAbsent(status / 100, k -> new LongAdder()).increment();
        requestNanos.add(nanos);
    }

    /**
     * Registers a value read at each scrape, e.g. pending buffered writes.
     *
     * @param name  Prometheus metric name, e.g. {@code virtguard_durable_pending_writes}
     * @param type  {@code gauge} or {@code counter}
     * @param help  one line
     * @param value read on every {@code /metrics} call; must not block
     */
    public void sample(String name, String type, String help, java.util.function.LongSupplier value) {
        sampled.put(name, new Sampled(type, help, value));
    }

    /**
     * Registers a family of labelled values read at each scrape, e.g. per-listener counters.
     *
     * @param name   Prometheus metric name, e.g. {@code virtguard_intake_received_total}
     * @param type   {@code gauge} or {@code counter}
     * @param help   one line
     * @param values read on every {@code /metrics} call; must not block
     */
    public void sampleLabeled(String name, String type, String help,
                              java.util.function.Supplier<java.util.List<Labeled>> values) {
        labeled.put(name, new LabeledSample(type, help, values));
    }

    /**
     * One value of a labelled family.
     *
     * @param labels label names and values, in the order written
     * @param value  the value
     */
    public record Labeled(java.util.SequencedMap<String, String> labels, long value) {

        /** A value with labels given as name, value, name, value, ... */
        public static Labeled of(long value, String... namesAndValues) {
            if (namesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("labels come in name-value pairs");
            }
            java.util.SequencedMap<String, String> labels = new java.util.LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                labels.put(namesAndValues[i], namesAndValues[i + 1]);
            }
            return new Labeled(java.util.Collections.unmodifiableSequencedMap(labels), value);
        }
    }

    Map<String, LabeledSample> labeled() {
        return labeled;
    }

    record LabeledSample(String type, String help, java.util.function.Supplier<java.util.List<Labeled>> values) {
    }

    Map<String, Sampled> sampled() {
        return sampled;
    }

    Map<String, Timer> syncs() {
        return syncs;
    }

    Map<String, LongAdder> events() {
        return events;
    }

    Map<Integer, LongAdder> responses() {
        return responses;
    }

    long requestNanos() {
        return requestNanos.sum();
    }

    record Sampled(String type, String help, java.util.function.LongSupplier value) {
    }

    static final class Timer {
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final AtomicLong last = new AtomicLong();
    }
}

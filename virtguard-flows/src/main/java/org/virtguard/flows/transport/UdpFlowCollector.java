package org.virtguard.flows.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.flows.decode.CounterSnapshot;
import org.virtguard.flows.decode.Exporter;
import org.virtguard.flows.decode.FlowDecoder;
import org.virtguard.flows.decode.FlowSink;

/**
 * Receives flow datagrams on UDP sockets and decodes them on one decoding thread. Receiving threads fill buffers
 * from a fixed pool; when the pool is empty the datagram is read and dropped, and counted against its exporter, so
 * memory stays bounded under any load. The sink runs on the decoding thread.
 *
 * <p>Hand-off costs no wake-up per datagram: the decoding thread takes slots without blocking and, when there are
 * none, yields before it parks; receivers wake it only when it is parked. On one core this lets a receiver fill
 * many slots per scheduling turn instead of switching threads for every datagram.
 */
public final class UdpFlowCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpFlowCollector.class);
    private static final int MAX_EXPORTER_NAMES = 65_536;
    /** Yields of an idle decoding thread before it parks. */
    private static final int IDLE_YIELDS = 16;
    /** Longest park of an idle decoding thread; the after-datagram task runs at least this often. */
    private static final long IDLE_PARK_NANOS = 200_000_000L;

    private final CollectorSettings settings;
    private final FlowDecoder decoder;
    private final FlowSink sink;
    private final LongSupplier clock;
    private final BlockingQueue<Slot> free;
    private final BlockingQueue<Slot> ready;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<InetAddress, String> names = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> drops = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final List<Integer> boundPorts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean decoderParked;
    private volatile Thread decodeThread;
    private Runnable afterDatagram = () -> { };

    private static final class Slot {
        final ByteBuffer buffer;
        String exporter;
        long received;

        Slot(int size) {
            buffer = ByteBuffer.allocate(size);
        }
    }

    /** A collector decoding with {@code decoder} into {@code sink}, timestamping with {@code clock} (epoch ms). */
    public UdpFlowCollector(CollectorSettings settings, FlowDecoder decoder, FlowSink sink, LongSupplier clock) {
        this.settings = settings;
        this.decoder = decoder;
        this.sink = sink;
        this.clock = clock;
        this.free = new ArrayBlockingQueue<>(settings.queueDatagrams());
        this.ready = new ArrayBlockingQueue<>(settings.queueDatagrams());
        for (int i = 0; i < settings.queueDatagrams(); i++) {
            free.add(new Slot(settings.maxDatagramBytes()));
        }
    }

    /** Runs {@code task} on the decoding thread after each datagram (flushing aggregates, for instance). */
    public UdpFlowCollector afterEachDatagram(Runnable task) {
        this.afterDatagram = task;
        return this;
    }

    /** Binds every address and starts receiving and decoding. */
    public synchronized void start() throws IOException {
        running = true;
        try {
            for (InetSocketAddress address : settings.listen()) {
                DatagramChannel ch = DatagramChannel.open();
                ch.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferBytes());
                int granted = ch.getOption(StandardSocketOptions.SO_RCVBUF);
                if (granted < settings.receiveBufferBytes()) {
                    String warning = "receive buffer on " + address + " capped by the kernel at " + granted
                            + " bytes (requested " + settings.receiveBufferBytes()
                            + "); raise net.core.rmem_max to avoid losing datagrams under load";
                    warnings.add(warning);
                    LOG.warn(warning);
                }
                ch.bind(address);
                channels.add(ch);
                boundPorts.add(((InetSocketAddress) ch.getLocalAddress()).getPort());
                Thread t = Thread.ofPlatform().daemon().name("flow-receive-" + boundPorts.getLast())
                        .start(() -> receive(ch));
                threads.add(t);
            }
        } catch (IOException e) {
            close();
            throw new IOException("cannot listen for flows: " + e.getMessage(), e);
        }
        decodeThread = Thread.ofPlatform().daemon().name("flow-decode").start(this::decodeLoop);
        threads.add(decodeThread);
    }

    private void receive(DatagramChannel ch) {
        ByteBuffer scratch = ByteBuffer.allocate(settings.maxDatagramBytes());
        while (running) {
            Slot slot = free.poll();
            ByteBuffer target = slot == null ? scratch : slot.buffer;
            target.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) ch.receive(target);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("flow socket receive failed: {}", e.getMessage());
                if (slot != null) {
                    free.offer(slot);
                }
                continue;
            }
            String exporter = name(from.getAddress());
            if (slot == null) {
                drops.computeIfAbsent(exporter, k -> new AtomicLong()).incrementAndGet();
                continue;
            }
            slot.exporter = exporter;
            slot.received = clock.getAsLong();
            ready.offer(slot);
            if (decoderParked) {
                LockSupport.unpark(decodeThread);
            }
        }
    }

    private String name(InetAddress address) {
        String n = names.get(address);
        if (n == null) {
            n = address.getHostAddress();
            if (names.size() < MAX_EXPORTER_NAMES) {
                names.put(address, n);
            }
        }
        return n;
    }

    private void decodeLoop() {
        int idle = 0;
        while (running || !ready.isEmpty()) {
            Slot slot = ready.poll();
            if (slot == null) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                idle = idle(idle);
                continue;
            }
            idle = 0;
            try {
                Exporter ex = decoder.exporter(slot.exporter);
                ByteBuffer b = slot.buffer;
                decoder.decode(ex, b.array(), 0, b.position(), slot.received, sink);
                afterDatagram.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("flow processing failed for a datagram from {}: {}", slot.exporter, e.toString());
            } finally {
                free.offer(slot);
                processed.incrementAndGet();
            }
        }
    }

    /**
     * Waits for work without a hand-off per datagram: first yields the core (a receiving thread sharing it fills
     * several slots per turn), then parks until a receiver wakes it or {@link #IDLE_PARK_NANOS} pass, running the
     * after-datagram task on each timeout. Returns the new idle count.
     */
    private int idle(int idle) {
        if (idle < IDLE_YIELDS) {
            Thread.yield();
            return idle + 1;
        }
        decoderParked = true;
        if (ready.isEmpty() && running) {
            LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
        decoderParked = false;
        if (ready.isEmpty()) {
            afterDatagram.run();
        }
        return idle;
    }

    /** The local ports bound, in the order of {@link CollectorSettings#listen()} (useful with port 0). */
    public synchronized List<Integer> ports() {
        return List.copyOf(boundPorts);
    }

    /** Warnings raised while starting (receive buffers capped by the kernel). */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Datagrams fully processed by the decoding thread. */
    public long processedDatagrams() {
        return processed.get();
    }

    /** Per-exporter counters, with queue drops filled in. */
    public List<CounterSnapshot> metrics() {
        List<CounterSnapshot> out = new ArrayList<>();
        for (CounterSnapshot s : decoder.counters()) {
            AtomicLong d = drops.get(s.exporter());
            out.add(d == null ? s : new CounterSnapshot(s.exporter(), s.datagrams(), s.records(), s.templates(),
                    s.optionRecords(), s.templateMisses(), s.sequenceGaps(), s.decodeErrors(),
                    s.queueDrops() + d.get(), s.errorsByKind()));
        }
        for (Map.Entry<String, AtomicLong> e : drops.entrySet()) {
            if (out.stream().noneMatch(s -> s.exporter().equals(e.getKey()))) {
                out.add(new CounterSnapshot(e.getKey(), 0, 0, 0, 0, 0, 0, 0, e.getValue().get(), Map.of()));
            }
        }
        return out;
    }

    /** Total datagrams dropped because the queue was full. */
    public long drops() {
        return drops.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public synchronized void close() {
        running = false;
        LockSupport.unpark(decodeThread);
        for (DatagramChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing flow socket: {}", e.getMessage());
            }
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

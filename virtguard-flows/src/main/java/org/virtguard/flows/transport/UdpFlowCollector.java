package org.virtguard.flows.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
import org.virtguard.model.net.CidrSet;
import org.virtguard.model.net.IpAddressText;

/**
 * Receives flow datagrams on UDP sockets and decodes them, in one of two modes chosen by
 * {@link CollectorSettings#decodeThreads()}. Either way the sink and the after-datagram task run on one thread at a
 * time, and memory stays bounded under any load.
 *
 * <p><b>Inline</b> ({@code decodeThreads = 0}): one thread receives from every socket (non-blocking, through a
 * selector) and decodes each datagram and runs the sink itself, into one reused buffer. No queue, no hand-over, no
 * context switch per datagram: the cheapest mode, and the one to use when the collector has one core (as nfcapd
 * and GoFlow2 do). Overload shows as the kernel dropping datagrams on a full socket buffer, read from
 * {@code /proc/net/udp} into {@link #socketDrops()}; a burst longer than the socket buffer holds is lost even if
 * the average rate is sustainable, so ask for a large receive buffer.
 *
 * <p><b>Queued</b> ({@code decodeThreads = 1}): a receiving thread per socket fills buffers from a fixed pool and
 * hands them to one decoding thread; when the pool is empty the datagram is read and dropped, and counted against
 * its exporter ({@link #drops()}). With a core each, receiving keeps draining the sockets while decoding is busy,
 * so the queue absorbs bursts; on one core every hand-over costs a thread switch and the mode is slower than
 * inline. Hand-off costs no wake-up per datagram: the decoding thread takes slots without blocking and, when there
 * are none, yields before it parks; receivers wake it only when it is parked.
 */
public final class UdpFlowCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpFlowCollector.class);
    private static final int MAX_EXPORTER_NAMES = 65_536;
    /** Yields of an idle decoding thread before it parks. */
    private static final int IDLE_YIELDS = 16;
    /** Longest park of an idle decoding thread; the after-datagram task runs at least this often. */
    private static final long IDLE_PARK_NANOS = 200_000_000L;
    /** Longest wait of an idle inline thread; the after-datagram task runs at least this often. */
    private static final long IDLE_SELECT_MILLIS = 200L;

    private final CollectorSettings settings;
    private final FlowDecoder decoder;
    private final FlowSink sink;
    private final LongSupplier clock;
    private final ProcNetUdp kernelCounters;
    private final BlockingQueue<Slot> free;
    private final BlockingQueue<Slot> ready;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<InetAddress, String> names = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> drops = new ConcurrentHashMap<>();
    private final CidrSet allowedExporters;
    private final AtomicLong notAllowed = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final List<Integer> boundPorts = new ArrayList<>();
    private final List<PortCounters> portCounters = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private volatile boolean running;
    private volatile boolean decoderParked;
    private volatile Thread decodeThread;
    private volatile Selector selector;
    private Runnable afterDatagram = () -> { };

    private static final class Slot {
        final ByteBuffer buffer;
        String exporter;
        long received;
        PortCounters port;

        Slot(int size) {
            buffer = ByteBuffer.allocate(size);
        }
    }

    /** A collector decoding with {@code decoder} into {@code sink}, timestamping with {@code clock} (epoch ms). */
    public UdpFlowCollector(CollectorSettings settings, FlowDecoder decoder, FlowSink sink, LongSupplier clock) {
        this(settings, decoder, sink, clock, ProcNetUdp.system());
    }

    UdpFlowCollector(CollectorSettings settings, FlowDecoder decoder, FlowSink sink, LongSupplier clock,
                     ProcNetUdp kernelCounters) {
        this.settings = settings;
        this.allowedExporters = CidrSet.of(settings.allowedExporters());
        this.decoder = decoder;
        this.sink = sink;
        this.clock = clock;
        this.kernelCounters = kernelCounters;
        int slots = settings.isInline() ? 0 : settings.queueDatagrams();
        this.free = new ArrayBlockingQueue<>(Math.max(1, slots));
        this.ready = new ArrayBlockingQueue<>(Math.max(1, slots));
        for (int i = 0; i < slots; i++) {
            free.add(new Slot(settings.maxDatagramBytes()));
        }
    }

    /**
     * Runs {@code task} on the decoding (inline: receiving) thread after each datagram, and when idle at least every
     * 200 ms (flushing aggregates, for instance).
     */
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
                portCounters.add(new PortCounters());
            }
            if (settings.isInline()) {
                selector = Selector.open();
                for (DatagramChannel ch : channels) {
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ);
                }
                InlineReceiver receiver = new InlineReceiver(selector);
                threads.add(Thread.ofPlatform().daemon().name("flow-receive-decode").start(receiver::run));
                return;
            }
        } catch (IOException e) {
            close();
            throw new IOException("cannot listen for flows: " + e.getMessage(), e);
        }
        for (int i = 0; i < channels.size(); i++) {
            DatagramChannel ch = channels.get(i);
                PortCounters port = portCounters.get(i);
            threads.add(Thread.ofPlatform().daemon().name("flow-receive-" + boundPorts.get(i))
                    .start(() -> receive(ch, port)));
        }
        decodeThread = Thread.ofPlatform().daemon().name("flow-decode").start(this::decodeLoop);
        threads.add(decodeThread);
    }

    /**
     * The inline mode's loop: drains every ready socket into one buffer, decoding each datagram as it comes, and
     * waits on the selector only when all are empty. Keeps the last exporter looked up, so a steady stream from
     * one exporter costs no map lookup per datagram.
     */
    private final class InlineReceiver {
        private final Selector selector;
        private final ByteBuffer buffer = ByteBuffer.allocate(settings.maxDatagramBytes());
        private InetSocketAddress lastSender;
        private Exporter lastExporter;
        private boolean lastAllowed;

        InlineReceiver(Selector selector) {
            this.selector = selector;
        }

        void run() {
            try (selector) {
                while (running) {
                    int received = 0;
                    for (int i = 0; i < channels.size(); i++) {
                        received += drain(channels.get(i), portCounters.get(i));
                    }
                    if (received == 0) {
                        waitForData();
                    }
                }
            } catch (ClosedChannelException | ClosedSelectorException e) {
                // closing
            } catch (IOException e) {
                LOG.warn("flow socket selector failed: {}", e.getMessage());
            }
        }

        /** Receives and decodes what {@code ch} holds, at most a bounded batch so other sockets get a turn. */
        private int drain(DatagramChannel ch, PortCounters port) throws ClosedChannelException {
            int n = 0;
            while (n < 1024 && running) {
                buffer.clear();
                InetSocketAddress from;
                try {
                    from = (InetSocketAddress) ch.receive(buffer);
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    LOG.warn("flow socket receive failed: {}", e.getMessage());
                    return n;
                }
                if (from == null) {
                    return n;
                }
                n++;
                port.received.increment();
                if (!from.equals(lastSender)) {
                    lastAllowed = allowedExporters.allows(from.getAddress());
                    lastExporter = lastAllowed ? decoder.exporter(name(from.getAddress())) : null;
                    lastSender = from;
                }
                if (!lastAllowed) {
                    notAllowed.incrementAndGet();
                    port.refused.increment();
                    continue;
                }
                decodeOne(port);
            }
            return n;
        }

        private void decodeOne(PortCounters port) {
            Exporter ex = lastExporter;
            try {
                long errors = ex.counters().decodeErrors();
                decoder.decode(ex, buffer.array(), 0, buffer.position(), clock.getAsLong(), sink);
                (ex.counters().decodeErrors() == errors ? port.parsed : port.malformed).increment();
                afterDatagram.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.error("flow processing failed for a datagram from {}: {}", ex.address(), e.toString());
            } finally {
                processed.incrementAndGet();
            }
        }

        private void waitForData() throws IOException {
            int ready = selector.select(IDLE_SELECT_MILLIS);
            selector.selectedKeys().clear();
            if (ready == 0 && running) {
                try {
                    afterDatagram.run();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("flow after-datagram task failed: {}", e.toString());
                }
            }
        }
    }

    private void receive(DatagramChannel ch, PortCounters port) {
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
            port.received.increment();
            if (!allowedExporters.allows(from.getAddress())) {
                notAllowed.incrementAndGet();
                port.refused.increment();
                if (slot != null) {
                    free.offer(slot);
                }
                continue;
            }
            String exporter = name(from.getAddress());
            if (slot == null) {
                drops.computeIfAbsent(exporter, k -> new AtomicLong()).incrementAndGet();
                port.dropped.increment();
                continue;
            }
            slot.exporter = exporter;
            slot.port = port;
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
            n = IpAddressText.format(address);
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
                long errors = ex.counters().decodeErrors();
                decoder.decode(ex, b.array(), 0, b.position(), slot.received, sink);
                (ex.counters().decodeErrors() == errors ? slot.port.parsed : slot.port.malformed).increment();
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

    /** Datagrams fully processed by the decoding (inline: receiving) thread. */
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
                    s.queueDrops() + d.get(), s.errorsByKind(), s.clockAheadRecords(), s.maxClockAheadMillis()));
        }
        for (Map.Entry<String, AtomicLong> e : drops.entrySet()) {
            if (out.stream().noneMatch(s -> s.exporter().equals(e.getKey()))) {
                out.add(new CounterSnapshot(e.getKey(), 0, 0, 0, 0, 0, 0, 0, e.getValue().get(), Map.of()));
            }
        }
        return out;
    }

    /** Total datagrams dropped because the queue was full (always 0 inline: there is no queue). */
    public long drops() {
        return drops.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /**
     * Datagrams the kernel dropped on each bound socket because its receive buffer was full (where the collector
     * could not keep up), in the order of {@link #ports()}; "not available" where {@code /proc} cannot tell.
     * Counted over the socket's life. Reads {@code /proc}: for metrics, not for the hot path.
     */
    public List<SocketDrops> socketDrops() {
        List<SocketDrops> out = new ArrayList<>();
        for (int port : ports()) {
            out.add(new SocketDrops(port, kernelCounters.drops(port)));
        }
        return out;
    }

    /**
     * Counters per bound socket, in the order of {@link #ports()}; dropped includes the kernel's drops where
     * {@code /proc} tells them. Reads {@code /proc}: for metrics, not for the hot path.
     */
    public synchronized List<ListenerCounts> listenerCounts() {
        List<ListenerCounts> out = new ArrayList<>(boundPorts.size());
        for (int i = 0; i < boundPorts.size(); i++) {
            int port = boundPorts.get(i);
            out.add(portCounters.get(i).snapshot(port, kernelCounters.drops(port).orElse(0)));
        }
        return out;
    }

    /** Datagrams dropped before decoding because their sender is outside the allowed exporter networks. */
    public long notAllowedDrops() {
        return notAllowed.get();
    }

    /** Every kind of drop: VirtGuard's own queue, the kernel's socket buffers and senders not allowed. */
    public DropCounters dropCounters() {
        return new DropCounters(drops(), socketDrops(), notAllowedDrops());
    }

    @Override
    public synchronized void close() {
        running = false;
        LockSupport.unpark(decodeThread);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
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

package org.virtguard.flows.transport;

import java.net.InetSocketAddress;
import java.util.List;

import org.virtguard.model.net.Cidr;

/**
 * How the UDP collector listens.
 *
 * <p>{@code decodeThreads} chooses the collector's mode (see {@link UdpFlowCollector}): {@code 0} is inline, the
 * receiving thread decodes and runs the sink itself, the mode for a collector with one core; {@code 1} is queued,
 * receiving threads hand datagrams to one decoding thread through a bounded queue, the mode for several cores.
 *
 * @param listen             addresses to bind (NetFlow/IPFIX and sFlow share one decoder)
 * @param receiveBufferBytes requested SO_RCVBUF per socket
 * @param queueDatagrams     datagrams buffered between receiving and decoding (queued mode); beyond it they are
 *                           dropped and counted
 * @param maxDatagramBytes   largest datagram kept whole; longer ones arrive truncated and fail decoding
 * @param decodeThreads      {@code 0} inline, {@code 1} queued with one decoding thread
 * @param allowedExporters   networks exporters may send from; datagrams from elsewhere are dropped before
 *                           decoding and counted ({@link DropCounters#notAllowedDrops()}); empty allows every
 *                           sender
 */
public record CollectorSettings(List<InetSocketAddress> listen, int receiveBufferBytes, int queueDatagrams,
                                int maxDatagramBytes, int decodeThreads, List<Cidr> allowedExporters) {

    /** Most networks in {@link #allowedExporters()}. */
    public static final int MAX_ALLOWED_EXPORTERS = 1_000;

    /** The conventional ports: 2055 (NetFlow/IPFIX), 4739 (IPFIX), 6343 (sFlow). */
    public static final List<Integer> DEFAULT_PORTS = List.of(2055, 4739, 6343);

    /**
     * Defaults on {@code host} (e.g. {@code 0.0.0.0}): ports 2055, 4739, 6343, 64 MiB buffer, 8192 datagrams,
     * queued.
     */
    public static CollectorSettings defaults(String host) {
        return new CollectorSettings(DEFAULT_PORTS.stream().map(p -> new InetSocketAddress(host, p)).toList(),
                64 << 20, 8192, 9216);
    }

    /** Settings that take datagrams from every sender. */
    public CollectorSettings(List<InetSocketAddress> listen, int receiveBufferBytes, int queueDatagrams,
                             int maxDatagramBytes, int decodeThreads) {
        this(listen, receiveBufferBytes, queueDatagrams, maxDatagramBytes, decodeThreads, List.of());
    }

    /** Queued mode with one decoding thread. */
    public CollectorSettings(List<InetSocketAddress> listen, int receiveBufferBytes, int queueDatagrams,
                             int maxDatagramBytes) {
        this(listen, receiveBufferBytes, queueDatagrams, maxDatagramBytes, 1);
    }

    public CollectorSettings {
        listen = List.copyOf(listen);
        allowedExporters = List.copyOf(allowedExporters == null ? List.of() : allowedExporters);
        if (allowedExporters.size() > MAX_ALLOWED_EXPORTERS) {
            throw new IllegalArgumentException("more than " + MAX_ALLOWED_EXPORTERS + " allowed exporter networks");
        }
        if (listen.isEmpty() || receiveBufferBytes < 1 || queueDatagrams < 1 || maxDatagramBytes < 1500
                || maxDatagramBytes > 65_535) {
            throw new IllegalArgumentException("collector needs at least one address, a positive buffer and queue, "
                    + "and a datagram size between 1500 and 65535");
        }
        if (decodeThreads < 0 || decodeThreads > 1) {
            throw new IllegalArgumentException("collector decode threads must be 0 (inline) or 1 (queued), not "
                    + decodeThreads);
        }
    }

    /** These settings in inline mode: no queue, no decoding thread; the receiving thread decodes. */
    public CollectorSettings inline() {
        return new CollectorSettings(listen, receiveBufferBytes, queueDatagrams, maxDatagramBytes, 0,
                allowedExporters);
    }

    /**
     * These settings taking datagrams only from exporters inside {@code networks} (empty: from every sender).
     * Build the networks with {@link Cidr#parse(String)}.
     */
    public CollectorSettings withAllowedExporters(List<Cidr> networks) {
        return new CollectorSettings(listen, receiveBufferBytes, queueDatagrams, maxDatagramBytes, decodeThreads,
                networks);
    }

    /** Whether the receiving thread decodes itself. */
    public boolean isInline() {
        return decodeThreads == 0;
    }
}

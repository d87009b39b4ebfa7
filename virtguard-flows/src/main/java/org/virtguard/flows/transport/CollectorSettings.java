package org.virtguard.flows.transport;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the UDP collector listens.
 *
 * @param listen             addresses to bind (NetFlow/IPFIX and sFlow share one decoder)
 * @param receiveBufferBytes requested SO_RCVBUF per socket
 * @param queueDatagrams     datagrams buffered between receiving and decoding; beyond it they are dropped and
 *                           counted
 * @param maxDatagramBytes   largest datagram kept whole; longer ones arrive truncated and fail decoding
 */
public record CollectorSettings(List<InetSocketAddress> listen, int receiveBufferBytes, int queueDatagrams,
                                int maxDatagramBytes) {

    /** The conventional ports: 2055 (NetFlow/IPFIX), 4739 (IPFIX), 6343 (sFlow). */
    public static final List<Integer> DEFAULT_PORTS = List.of(2055, 4739, 6343);

    /** Defaults on {@code host} (e.g. {@code 0.0.0.0}): ports 2055, 4739, 6343, 64 MiB buffer, 8192 datagrams. */
    public static CollectorSettings defaults(String host) {
        return new CollectorSettings(DEFAULT_PORTS.stream().map(p -> new InetSocketAddress(host, p)).toList(),
                64 << 20, 8192, 9216);
    }

    public CollectorSettings {
        listen = List.copyOf(listen);
        if (listen.isEmpty() || receiveBufferBytes < 1 || queueDatagrams < 1 || maxDatagramBytes < 1500
                || maxDatagramBytes > 65_535) {
            throw new IllegalArgumentException("collector needs at least one address, a positive buffer and queue, "
                    + "and a datagram size between 1500 and 65535");
        }
    }
}

package org.virtguard.service.config;

import java.util.List;

/**
 * The flow collector: every port takes NetFlow v5, v9, IPFIX and sFlow (the version is read from each datagram).
 *
 * @param bind             address to listen on (default {@code 0.0.0.0})
 * @param ports            UDP ports (default 2055, 4739, 6343)
 * @param receiveBuffer    requested socket receive buffer in bytes (default 64 MiB)
 * @param queue            datagrams queued for decoding before drops are counted (default 8192)
 * @param allowedExporters CIDRs of exporters whose datagrams are taken; others are counted and dropped (default:
 *                         all)
 */
public record FlowIntakeConfig(String bind, List<Integer> ports, Integer receiveBuffer, Integer queue,
                               List<String> allowedExporters) {

    public FlowIntakeConfig {
        bind = bind == null ? "0.0.0.0" : bind;
        ports = List.copyOf(ports == null ? List.of(2055, 4739, 6343) : ports);
        receiveBuffer = receiveBuffer == null ? 64 * 1024 * 1024 : receiveBuffer;
        queue = queue == null ? 8192 : queue;
        allowedExporters = List.copyOf(allowedExporters == null ? List.of() : allowedExporters);
    }
}

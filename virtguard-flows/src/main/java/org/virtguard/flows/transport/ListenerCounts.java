package org.virtguard.flows.transport;

/**
 * Counters of one flow listener socket, for metrics.
 *
 * @param port      the bound UDP port
 * @param received  datagrams received, refused and dropped ones included
 * @param parsed    datagrams decoded without error
 * @param malformed datagrams with a decoding error (truncated, unsupported version, bad template, ...)
 * @param refused   datagrams dropped because the sender is not an allowed exporter
 * @param dropped   datagrams lost because VirtGuard's queue or the kernel's socket buffer was full
 */
public record ListenerCounts(int port, long received, long parsed, long malformed, long refused, long dropped) {
}

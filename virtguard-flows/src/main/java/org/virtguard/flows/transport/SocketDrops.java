package org.virtguard.flows.transport;

import java.util.OptionalLong;

/**
 * Datagrams the kernel dropped on one of the collector's sockets because its receive buffer was full, as counted
 * by the kernel ({@code /proc/net/udp}, {@code /proc/net/udp6}). Empty where the count cannot be read (no
 * {@code /proc}, another operating system, the socket not listed): "not available", never 0.
 *
 * @param port  the socket's local UDP port
 * @param drops the kernel's drop count for the socket, if readable
 */
public record SocketDrops(int port, OptionalLong drops) {

    /** The count as text: the number, or {@code not available}. */
    public String dropsText() {
        return drops.isPresent() ? Long.toString(drops.getAsLong()) : "not available";
    }

    @Override
    public String toString() {
        return "UDP port " + port + " kernel drops " + dropsText();
    }
}

package org.virtguard.server.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends syslog messages to a collector over UDP (RFC 5426, one datagram per message) or TCP (RFC 6587
 * octet-counting framing, {@code <length> <message>}). Over TCP a message counts as sent once it was written and
 * flushed on the connection; a broken connection is reopened on the next attempt, so with a {@link DeliveryWorker}
 * a collector outage delays messages but loses none. UDP has no acknowledgement: a datagram that left is sent.
 */
public final class SyslogSender implements MessageSender, AutoCloseable {

    /** Largest message sent in one UDP datagram; longer ones are cut (their JSON then no longer parses). */
    static final int MAX_DATAGRAM = 64 * 1024 - 1024;
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final boolean tcp;
    private final InetSocketAddress target;
    private DatagramSocket udp;
    private Socket socket;

    private SyslogSender(boolean tcp, InetSocketAddress target) {
        this.tcp = tcp;
        this.target = target;
    }

    /**
     * A sender for {@code udp://host:port} or {@code tcp://host:port}.
     *
     * @throws IllegalArgumentException naming the target when it is not of that form
     */
    public static SyslogSender to(String target) {
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw invalid(target);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("udp") && !scheme.equals("tcp") || uri.getHost() == null || uri.getPort() < 1
                || uri.getPath() != null && !uri.getPath().isEmpty()) {
            throw invalid(target);
        }
        return new SyslogSender(scheme.equals("tcp"), InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    }

    private static IllegalArgumentException invalid(String target) {
        return new IllegalArgumentException("syslog target '" + target + "' must be udp://host:port or tcp://host:port");
    }

    @Override
    public synchronized boolean send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            if (tcp) {
                sendTcp(bytes);
            } else {
                sendUdp(bytes);
            }
            return true;
        } catch (IOException e) {
            close();
            throw new IOException("syslog to " + this + ": " + e.getMessage(), e);
        }
    }

    private void sendTcp(byte[] bytes) throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            s.connect(resolved(), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(CONNECT_TIMEOUT_MS);
            socket = s;
        }
        OutputStream out = socket.getOutputStream();
        out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private void sendUdp(byte[] bytes) throws IOException {
        if (udp == null) {
            udp = new DatagramSocket();
        }
        udp.send(new DatagramPacket(bytes, Math.min(bytes.length, MAX_DATAGRAM), resolved()));
    }

    private InetSocketAddress resolved() throws IOException {
        InetSocketAddress address = new InetSocketAddress(target.getHostString(), target.getPort());
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + target.getHostString());
        }
        return address;
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already broken; a new connection is opened on the next send
            }
            socket = null;
        }
        if (udp != null) {
            udp.close();
            udp = null;
        }
    }

    @Override
    public String toString() {
        return (tcp ? "tcp://" : "udp://") + target.getHostString() + ":" + target.getPort();
    }
}

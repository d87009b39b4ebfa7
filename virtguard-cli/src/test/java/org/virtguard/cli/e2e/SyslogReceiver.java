package org.virtguard.cli.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A syslog collector on loopback: UDP (one message per datagram, RFC 5426) and TCP with octet counting
 * ({@code <length> <message>}, RFC 6587), as VirtGuard's {@code SyslogSender} writes them. Messages are kept per
 * transport.
 */
public final class SyslogReceiver implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<String> udpMessages = new CopyOnWriteArrayList<>();
    private final List<String> tcpMessages = new CopyOnWriteArrayList<>();

    public SyslogReceiver() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        udp = new DatagramSocket(0, loopback);
        tcp = new ServerSocket(0, 8, loopback);
        daemon("syslog-receiver-udp", this::receiveUdp);
        daemon("syslog-receiver-tcp", this::acceptTcp);
    }

    public String udpTarget() {
        return "udp://127.0.0.1:" + udp.getLocalPort();
    }

    public String tcpTarget() {
        return "tcp://127.0.0.1:" + tcp.getLocalPort();
    }

    public List<String> udpMessages() {
        return List.copyOf(udpMessages);
    }

    public List<String> tcpMessages() {
        return List.copyOf(tcpMessages);
    }

    private void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void receiveUdp() {
        byte[] buffer = new byte[65_536];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
                udpMessages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void acceptTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket connection = tcp.accept();
                daemon("syslog-receiver-conn", () -> readFrames(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readFrames(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream())) {
            while (true) {
                int length = readLength(in);
                if (length < 0) {
                    return;
                }
                byte[] message = in.readNBytes(length);
                if (message.length < length) {
                    throw new IOException("frame cut short: " + message.length + " of " + length + " bytes");
                }
                tcpMessages.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (SocketException e) {
            // the collector is closing
        } catch (IOException e) {
            tcpMessages.add("FRAMING ERROR: " + e.getMessage());
        }
    }

    /** The decimal length before the space, or -1 at the end of the stream. */
    private static int readLength(InputStream in) throws IOException {
        ByteArrayOutputStream digits = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != ' ') {
            if (b < 0) {
                if (digits.size() == 0) {
                    return -1;
                }
                throw new IOException("stream ended inside a length");
            }
            if (b < '0' || b > '9' || digits.size() > 9) {
                throw new IOException("not octet-counting framing (byte " + b + ")");
            }
            digits.write(b);
        }
        return Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}

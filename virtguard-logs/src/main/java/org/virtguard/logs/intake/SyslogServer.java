package org.virtguard.logs.intake;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.virtguard.model.net.CidrSet;
import org.virtguard.model.net.IpAddressText;

/**
 * Receives syslog over UDP (one message per datagram), TCP (RFC 6587 octet counting or newline framing) and TLS
 * (RFC 5425), and feeds every message to a {@link LogPipeline}. Memory is bounded: one datagram buffer, one
 * frame buffer per connection, a fixed number of connections and a bounded rate-limit table.
 */
public final class SyslogServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
    private static final int READ_CHUNK = 16 * 1024;

    private final SyslogServerConfig config;
    private final LogPipeline pipeline;
    private final SourceRateLimiter limiter;
    private final Semaphore connections;
    private final CidrSet allowedSenders;
    private final List<AutoCloseable> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final IntakeStats udpStats;
    private final IntakeStats tcpStats;
    private final IntakeStats tlsStats;
    private DatagramSocket udp;
    private ServerSocket tcp;
    private ServerSocket tls;
    private volatile boolean closed;

    private SyslogServer(SyslogServerConfig config, LogPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
        this.limiter = new SourceRateLimiter(config.ratePerSecond(), config.burst(), 65_536);
        this.connections = new Semaphore(config.maxConnections());
        this.allowedSenders = CidrSet.of(config.allowedSenders());
        this.udpStats = new IntakeStats(pipeline.stats());
        this.tcpStats = new IntakeStats(pipeline.stats());
        this.tlsStats = new IntakeStats(pipeline.stats());
    }

    /** Opens the configured listeners and starts receiving. */
    public static SyslogServer start(SyslogServerConfig config, LogPipeline pipeline) throws IOException {
        SyslogServer server = new SyslogServer(config, pipeline);
        try {
            server.open();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void open() throws IOException {
        if (config.udpPort() >= 0) {
            udp = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.udpPort()));
            udp.setReceiveBufferSize(8 * 1024 * 1024);
            sockets.add(udp);
            daemon("syslog-udp", this::receiveUdp);
        }
        if (config.tcpPort() >= 0) {
            tcp = new ServerSocket(config.tcpPort(), 128, config.bindAddress());
            sockets.add(tcp);
            ServerSocket s = tcp;
            daemon("syslog-tcp", () -> acceptLoop(s, tcpStats));
        }
        if (config.tlsPort() >= 0) {
            tls = TlsServerSockets.open(config.keyStore(), config.keyStorePassword(), config.bindAddress(),
                    config.tlsPort(), 128);
            sockets.add(tls);
            ServerSocket s = tls;
            daemon("syslog-tls", () -> acceptLoop(s, tlsStats));
        }
    }

    /** The bound UDP port, or -1. */
    public int udpPort() {
        return udp == null ? -1 : udp.getLocalPort();
    }

    /** The bound TCP port, or -1. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.getLocalPort();
    }

    /** The bound TLS port, or -1. */
    public int tlsPort() {
        return tls == null ? -1 : tls.getLocalPort();
    }

    /** Counters of each open listener: UDP, TCP, TLS, in that order. */
    public List<ListenerCounts> listenerCounts() {
        List<ListenerCounts> out = new ArrayList<>(3);
        if (udp != null) {
            out.add(ListenerCounts.of("udp", udpPort(), udpStats));
        }
        if (tcp != null) {
            out.add(ListenerCounts.of("tcp", tcpPort(), tcpStats));
        }
        if (tls != null) {
            out.add(ListenerCounts.of("tls", tlsPort(), tlsStats));
        }
        return out;
    }

    private void daemon(String name, Runnable body) {
        Thread t = Thread.ofPlatform().name(name).daemon(true).start(body);
        threads.add(t);
    }

    private void receiveUdp() {
        byte[] buf = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                packet.setLength(buf.length);
                udp.receive(packet);
                if (!allowedSenders.allows(packet.getAddress())) {
                    udpStats.increment(IntakeCounter.SENDER_NOT_ALLOWED);
                    continue;
                }
                String sender = IpAddressText.format(packet.getAddress());
                if (!limiter.tryAcquire(sender, System.nanoTime())) {
                    udpStats.increment(IntakeCounter.RATE_LIMITED);
                    continue;
                }
                if (packet.getLength() > config.maxFrame()) {
                    udpStats.increment(IntakeCounter.LINES);
                    udpStats.increment(IntakeCounter.TOO_LONG);
                    continue;
                }
                pipeline.accept(buf, 0, packet.getLength(), udpStats);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("syslog UDP receive on port {} failed: {}", udpPort(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("syslog UDP message skipped after an internal error: {}", e.toString());
            }
        }
    }

    private void acceptLoop(ServerSocket server, IntakeStats stats) {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("syslog accept on port {} failed: {}", server.getLocalPort(), e.getMessage());
                }
                continue;
            }
            if (!allowedSenders.allows(socket.getInetAddress())) {
                stats.increment(IntakeCounter.SENDER_NOT_ALLOWED);
                closeQuietly(socket);
                continue;
            }
            if (!connections.tryAcquire()) {
                stats.increment(IntakeCounter.CONNECTIONS_REFUSED);
                closeQuietly(socket);
                continue;
            }
            clients.add(socket);
            Thread.ofVirtual().name("syslog-conn").start(() -> {
                try {
                    serve(socket, stats);
                } finally {
                    clients.remove(socket);
                    connections.release();
                    closeQuietly(socket);
                }
            });
        }
    }

    private void serve(Socket socket, IntakeStats stats) {
        String sender = IpAddressText.format(socket.getInetAddress());
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(config.maxFrame(), stats, (buf, off, len) -> {
            if (limiter.tryAcquire(sender, System.nanoTime())) {
                pipeline.accept(buf, off, len, stats);
            } else {
                stats.increment(IntakeCounter.RATE_LIMITED);
            }
        });
        byte[] chunk = new byte[READ_CHUNK];
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
            InputStream in = socket.getInputStream();
            int n;
            while (!closed && (n = in.read(chunk)) > 0) {
                decoder.feed(chunk, 0, n);
            }
            decoder.finish();
        } catch (SocketTimeoutException e) {
            decoder.finish();
            LOG.info("syslog connection from {} closed after {} idle", sender, config.idleTimeout());
        } catch (SocketException e) {
            decoder.finish();
        } catch (IOException e) {
            LOG.warn("syslog connection from {} failed: {}", sender, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("syslog connection from {} dropped after an internal error: {}", sender, e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown or after a failed connection: nothing left to report
        }
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable s : sockets) {
            closeQuietly(s);
        }
        for (Socket client : clients) {
            closeQuietly(client);
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

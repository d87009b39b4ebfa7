package org.virtguard.logs.intake;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.virtguard.model.net.Cidr;
import org.virtguard.model.net.IpAddressText;

/**
 * Where and how the syslog receiver listens. A port of {@code -1} disables that transport, {@code 0} picks a
 * free one. The TLS key store password is passed as characters read from a file or the environment by the
 * caller, never from a command line.
 *
 * @param bindAddress      the local address to listen on
 * @param udpPort          UDP port (RFC 5426)
 * @param tcpPort          plain TCP port (RFC 6587)
 * @param tlsPort          TLS port (RFC 5425)
 * @param keyStore         PKCS#12 key store with the server key and certificate, required when TLS is on
 * @param keyStorePassword its password
 * @param maxFrame         largest message accepted, in bytes
 * @param maxConnections   concurrent TCP and TLS connections
 * @param ratePerSecond    messages per second allowed per sending address
 * @param burst            messages a sender may send at once before the rate applies
 * @param idleTimeout      a TCP connection silent this long is closed
 * @param allowedSenders   networks senders may be in, for UDP, TCP and TLS alike: UDP messages from elsewhere are
 *                         dropped, TCP and TLS connections refused, both counted as
 *                         {@link IntakeCounter#SENDER_NOT_ALLOWED}; empty allows every sender
 */
public record SyslogServerConfig(InetAddress bindAddress, int udpPort, int tcpPort, int tlsPort, Path keyStore,
                                 char[] keyStorePassword, int maxFrame, int maxConnections, double ratePerSecond,
                                 double burst, Duration idleTimeout, List<Cidr> allowedSenders) {

    /** Most networks in {@link #allowedSenders()}. */
    public static final int MAX_ALLOWED_SENDERS = 1_000;

    /** A configuration taking messages from every sender. */
    public SyslogServerConfig(InetAddress bindAddress, int udpPort, int tcpPort, int tlsPort, Path keyStore,
                              char[] keyStorePassword, int maxFrame, int maxConnections, double ratePerSecond,
                              double burst, Duration idleTimeout) {
        this(bindAddress, udpPort, tcpPort, tlsPort, keyStore, keyStorePassword, maxFrame, maxConnections,
                ratePerSecond, burst, idleTimeout, List.of());
    }

    public SyslogServerConfig {
        allowedSenders = List.copyOf(allowedSenders == null ? List.of() : allowedSenders);
        if (allowedSenders.size() > MAX_ALLOWED_SENDERS) {
            throw new IllegalArgumentException("more than " + MAX_ALLOWED_SENDERS + " allowed sender networks");
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (tlsPort >= 0 && keyStore == null) {
            throw new IllegalArgumentException("TLS intake needs a key store (--tls-keystore)");
        }
        if (udpPort < 0 && tcpPort < 0 && tlsPort < 0) {
            throw new IllegalArgumentException("enable at least one of UDP, TCP and TLS intake");
        }
        if (maxFrame < 480 || maxFrame > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxFrame must be between 480 bytes and 16 MiB: " + maxFrame);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    /** Loopback UDP and TCP on the given ports, no TLS, 64 KiB frames, 256 connections, 2000 msg/s per sender. */
    public static SyslogServerConfig plain(InetAddress bind, int udpPort, int tcpPort) {
        return new SyslogServerConfig(bind, udpPort, tcpPort, -1, null, null, 64 * 1024, 256, 2000, 4000,
                Duration.ofMinutes(10));
    }

    /** A copy with TLS on {@code port} from {@code keyStore}. */
    public SyslogServerConfig withTls(int port, Path store, char[] password) {
        return new SyslogServerConfig(bindAddress, udpPort, tcpPort, port, store, password, maxFrame, maxConnections,
                ratePerSecond, burst, idleTimeout, allowedSenders);
    }

    /** A copy with another per-sender rate and burst. */
    public SyslogServerConfig withRate(double perSecond, double burstSize) {
        return new SyslogServerConfig(bindAddress, udpPort, tcpPort, tlsPort, keyStore, keyStorePassword, maxFrame,
                maxConnections, perSecond, burstSize, idleTimeout, allowedSenders);
    }

    /**
     * A copy taking messages only from senders inside {@code networks} (empty: from every sender), on UDP, TCP and
     * TLS. Build the networks with {@link Cidr#parse(String)}.
     */
    public SyslogServerConfig withAllowedSenders(List<Cidr> networks) {
        return new SyslogServerConfig(bindAddress, udpPort, tcpPort, tlsPort, keyStore, keyStorePassword, maxFrame,
                maxConnections, ratePerSecond, burst, idleTimeout, networks);
    }

    @Override
    public String toString() {
        return "SyslogServerConfig[bind=" + IpAddressText.format(bindAddress) + ", udp=" + udpPort + ", tcp=" + tcpPort
                + ", tls=" + tlsPort + ", keyStore=" + keyStore + ", maxFrame=" + maxFrame
                + (allowedSenders.isEmpty() ? "" : ", allowedSenders=" + allowedSenders) + "]";
    }
}

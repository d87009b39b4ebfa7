package org.virtguard.service.config;

import java.util.List;

/**
 * The syslog receiver (RFC 5424 and 3164; UDP, TCP with octet counting or newlines, TLS per RFC 5425).
 *
 * @param bind           address to listen on (default {@code 0.0.0.0})
 * @param udp            UDP port, or {@code null} for none
 * @param tcp            TCP port, or {@code null} for none
 * @param tls            TLS listener, or {@code null} for none
 * @param allowedSenders CIDRs of senders whose messages are taken; others are counted and dropped (default: all)
 * @param ratePerSender  messages per second allowed per sending address (default 2000)
 */
public record SyslogIntakeConfig(String bind, Integer udp, Integer tcp, SyslogTlsConfig tls,
                                 List<String> allowedSenders, Double ratePerSender) {

    public SyslogIntakeConfig {
        bind = bind == null ? "0.0.0.0" : bind;
        allowedSenders = List.copyOf(allowedSenders == null ? List.of() : allowedSenders);
        ratePerSender = ratePerSender == null ? 2000.0 : ratePerSender;
    }

    /**
     * The TLS syslog listener.
     *
     * @param port         TCP port (6514 is the standard one)
     * @param keystore     PKCS#12 key store with the server key and certificate
     * @param passwordFile file holding the key store password
     * @param passwordEnv  environment variable holding it
     */
    public record SyslogTlsConfig(Integer port, String keystore, String passwordFile, String passwordEnv) {
    }
}

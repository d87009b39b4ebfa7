package org.virtguard.service.config;

/**
 * The REST API and web console listener.
 *
 * @param bind address to listen on (default {@code 127.0.0.1})
 * @param port TCP port, 0 picks a free one (default 8080)
 * @param tls  HTTPS, or {@code null} for plain HTTP (loopback or behind a TLS proxy only)
 */
public record HttpConfig(String bind, Integer port, TlsConfig tls) {

    public HttpConfig {
        bind = bind == null ? "127.0.0.1" : bind;
        port = port == null ? 8080 : port;
    }

    public static HttpConfig defaults() {
        return new HttpConfig(null, null, null);
    }
}

package org.virtguard.cli.serve;

import java.nio.file.Path;

import org.virtguard.service.config.HttpConfig;
import org.virtguard.service.config.TlsConfig;
import picocli.CommandLine.Option;

/** Listener and scheduling options shared by {@code serve} and {@code demo}; each overrides the configuration file. */
public final class ServiceOptions {

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address the web console and API listen on (overrides http.bind; default 127.0.0.1).")
    public String bind;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port; 0 picks a free one (overrides http.port; default 8080).")
    public Integer port;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS#12 keystore with the server key and certificate: serve HTTPS with HSTS and Secure cookies "
                    + "(overrides http.tls). Its password comes from VIRTGUARD_TLS_KEYSTORE_PASSWORD or "
                    + "--tls-keystore-password-file.")
    public Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", description = "File holding the keystore password.")
    public Path tlsKeystorePasswordFile;

    @Option(names = "--resync", paramLabel = "TIME",
            description = "Full re-sync interval, e.g. 5m, 1h (overrides lifecycle.resync; default 15m); live events "
                    + "apply at once.")
    public String resync;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long (default: run until Ctrl-C).")
    public String duration;

    /** The HTTP section of {@code config} with these options applied. */
    public HttpConfig http(HttpConfig config) {
        TlsConfig tls = config.tls();
        if (tlsKeystore != null) {
            tls = new TlsConfig(tlsKeystore.toString(),
                    tlsKeystorePasswordFile == null ? null : tlsKeystorePasswordFile.toString(), null);
        }
        return new HttpConfig(bind != null ? bind : config.bind(), port != null ? port : config.port(), tls);
    }
}

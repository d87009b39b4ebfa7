package org.virtguard.cli.serve;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Listener and scheduling options shared by {@code serve} and {@code demo}. */
public final class ServiceOptions {

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the web console and API listen on (default: ${DEFAULT-VALUE}).")
    public String bind;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS#12 keystore with the server key and certificate: serve HTTPS with HSTS and Secure cookies. "
                    + "Its password comes from VIRTGUARD_TLS_KEYSTORE_PASSWORD or --tls-keystore-password-file.")
    public Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", description = "File holding the keystore password.")
    public Path tlsKeystorePasswordFile;

    @Option(names = "--resync", defaultValue = "15m", paramLabel = "TIME",
            description = "Full re-sync interval, e.g. 5m, 1h (default: ${DEFAULT-VALUE}); live events apply at once.")
    public String resync;

    @Option(names = "--duration", paramLabel = "TIME", description = "Stop after this long (default: run until Ctrl-C).")
    public String duration;

    /** The HTTP listener these options describe. */
    public org.virtguard.server.ServerSettings settings(java.util.Map<String, String> environment) {
        return org.virtguard.service.runtime.ServiceWiring.settings(bind, port, tlsKeystore, tlsKeystorePasswordFile,
                environment);
    }
}

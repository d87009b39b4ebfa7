package org.virtguard.logs.intake;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** Opens the RFC 5425 listener from a PKCS#12 key store, TLS 1.2 and 1.3 only. */
final class TlsServerSockets {

    private TlsServerSockets() {
    }

    static ServerSocket open(Path keyStore, char[] password, InetAddress bind, int port, int backlog) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                ks.load(in, password);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            SSLServerSocket socket = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(port, backlog, bind);
            socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return socket;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot start TLS syslog intake from key store " + keyStore + ": " + e.getMessage(), e);
        }
    }
}

package org.virtguard.connector.vsphere.soap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the server's certificate is verified: the JDK's trust store, an explicit CA bundle, a pinned
 * certificate thumbprint, or (only when asked for explicitly) not at all.
 *
 * @param mode       the verification mode
 * @param caFile     the PEM bundle for {@link Mode#CA_FILE}
 * @param thumbprint the SHA-256 or SHA-1 thumbprint for {@link Mode#THUMBPRINT}, hex with or without colons
 */
public record TlsPolicy(Mode mode, Path caFile, String thumbprint) {

    /** Verification modes. */
    public enum Mode {
        SYSTEM_TRUST, CA_FILE, THUMBPRINT, INSECURE
    }

    public static TlsPolicy systemTrust() {
        return new TlsPolicy(Mode.SYSTEM_TRUST, null, null);
    }

    public static TlsPolicy caFile(Path file) {
        return new TlsPolicy(Mode.CA_FILE, file, null);
    }

    public static TlsPolicy thumbprint(String thumbprint) {
        return new TlsPolicy(Mode.THUMBPRINT, null, CertificateThumbprint.normalise(thumbprint));
    }

    public static TlsPolicy insecure() {
        return new TlsPolicy(Mode.INSECURE, null, null);
    }

    /** Whether certificate verification is off. */
    public boolean insecureMode() {
        return mode == Mode.INSECURE;
    }

    /**
     * Builds the SSL context for this policy.
     *
     * @throws IOException              when the CA bundle cannot be read
     * @throws GeneralSecurityException when it holds no usable certificate
     */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        switch (mode) {
            case SYSTEM_TRUST -> ctx.init(null, null, null);
            case CA_FILE -> ctx.init(null, caTrustManagers(caFile), null);
            case THUMBPRINT -> ctx.init(null, new TrustManager[] {new PinnedCertificateTrustManager(thumbprint)}, null);
            case INSECURE -> ctx.init(null, new TrustManager[] {new PinnedCertificateTrustManager(null)}, null);
            default -> throw new IllegalStateException(mode.toString());
        }
        return ctx;
    }

    /** A one-line description for messages, e.g. {@code thumbprint pinning}. */
    public String describe() {
        return switch (mode) {
            case SYSTEM_TRUST -> "the system trust store";
            case CA_FILE -> "the CA bundle " + caFile;
            case THUMBPRINT -> "the pinned thumbprint " + thumbprint;
            case INSECURE -> "no verification (insecure)";
        };
    }

    private static TrustManager[] caTrustManagers(Path file) throws IOException, GeneralSecurityException {
        if (Files.size(file) > 4L * 1024 * 1024) {
            throw new IOException("CA bundle " + file + " is larger than 4 MiB");
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(file)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("CA bundle " + file + " holds no certificate");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + (i++), c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    @Override
    public String toString() {
        return "TlsPolicy[" + describe().toLowerCase(Locale.ROOT) + "]";
    }
}

package org.virtguard.connector.vsphere.soap;

import java.net.Socket;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly the server certificate whose SHA-256 or SHA-1 thumbprint was pinned, whatever its issuer or
 * host name: the pin is the identity. With no pin it trusts every certificate; that is only used for the
 * explicit insecure mode.
 */
final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {

    private final String pinned;

    PinnedCertificateTrustManager(String pinned) {
        this.pinned = pinned;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (pinned == null) {
            return;
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        byte[] der;
        try {
            der = chain[0].getEncoded();
        } catch (CertificateEncodingException e) {
            throw new CertificateException("the server certificate cannot be encoded", e);
        }
        String algorithm = pinned.length() == 95 ? "SHA-256" : "SHA-1";
        String actual = CertificateThumbprint.of(der, algorithm);
        if (!actual.equals(pinned)) {
            throw new CertificateException("certificate thumbprint mismatch: expected " + pinned + ", server presented "
                    + actual);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}

package org.virtguard.connector.vsphere.soap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate thumbprints in vSphere's notation: upper-case hex pairs separated by colons. */
public final class CertificateThumbprint {

    private CertificateThumbprint() {
    }

    /**
     * Normalises a thumbprint written with or without colons, spaces, in any case.
     *
     * @throws IllegalArgumentException when it is not a SHA-1 (20 bytes) or SHA-256 (32 bytes) thumbprint
     */
    public static String normalise(String thumbprint) {
        if (thumbprint == null) {
            throw new IllegalArgumentException("thumbprint is missing");
        }
        String hex = thumbprint.replaceAll("[:\\s-]", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]+") || (hex.length() != 40 && hex.length() != 64)) {
            throw new IllegalArgumentException("thumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40 hex digits)"
                    + " fingerprint, with or without colons");
        }
        return withColons(hex);
    }

    /** The thumbprint of DER bytes with the given algorithm ({@code SHA-256} or {@code SHA-1}). */
    public static String of(byte[] der, String algorithm) {
        try {
            return withColons(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static String withColons(String hex) {
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}

package org.virtguard.service.config;

/**
 * A PKCS#12 key store with a server key and certificate; its password comes from a file or the environment.
 *
 * @param keystore     path of the PKCS#12 file
 * @param passwordFile file holding the key store password (first line)
 * @param passwordEnv  environment variable holding it
 */
public record TlsConfig(String keystore, String passwordFile, String passwordEnv) {
}

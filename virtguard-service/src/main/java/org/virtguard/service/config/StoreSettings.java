package org.virtguard.service.config;

/**
 * Store section of the configuration file. Without a URL the embedded H2 store under the data directory
 * is used.
 *
 * @param url          JDBC URL, e.g. {@code jdbc:postgresql://db01:5432/virtguard}; must not hold a password
 * @param user         database user
 * @param passwordEnv  environment variable holding the database password
 * @param passwordFile file holding the database password
 */
public record StoreSettings(String url, String user, String passwordEnv, String passwordFile) {
}
